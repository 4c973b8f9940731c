package dev.corral.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test fixtures: the real components in test resources, and in-place tampering helpers. */
final class Fixtures {
  private Fixtures() {}

  /** Copies a component from test resources (components/, see NOTICE there) into {@code dir}. */
  static Path component(Path dir, String name) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = Fixtures.class.getResourceAsStream("/components/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource components/" + name);
      }
      Files.copy(in, target);
    }
    return target;
  }

  /**
   * A copy of a component made unique by an appended custom section named {@code corral-test}
   * holding {@code salt}: still a valid component, but with its own digest, so tests that tamper
   * with registry storage (shared, content-addressed) touch only their own blobs.
   */
  static Path uniqueComponent(Path dir, String name, String salt) throws IOException {
    Path original = dir.resolve(name);
    if (!Files.exists(original)) {
      component(dir, name);
    }
    byte[] sectionName = "corral-test".getBytes(StandardCharsets.UTF_8);
    byte[] data = salt.getBytes(StandardCharsets.UTF_8);
    int size = 1 + sectionName.length + data.length;
    if (sectionName.length > 127 || size > 127) {
      throw new IllegalArgumentException("salt too long for a one-byte LEB128 size");
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(Files.readAllBytes(original));
    out.write(0);
    out.write(size);
    out.write(sectionName.length);
    out.writeBytes(sectionName);
    out.writeBytes(data);
    Path target = dir.resolve(salt + "-" + name);
    Files.write(target, out.toByteArray());
    return target;
  }

  static void replaceInFile(Path file, String from, String to) throws IOException {
    String content = Files.readString(file, StandardCharsets.UTF_8);
    if (!content.contains(from)) {
      throw new IOException(file + " does not contain '" + from + "'");
    }
    file.toFile().setWritable(true);
    Files.writeString(file, content.replace(from, to), StandardCharsets.UTF_8);
  }

  static void flipLastByte(Path file) throws IOException {
    file.toFile().setWritable(true);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 0x01;
    Files.write(file, bytes);
  }

  static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
