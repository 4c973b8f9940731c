package dev.corral.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of Corral's sample tools. The C and Rust ones are bundled on the classpath; the
 * JavaScript ones (about 12 MB each) are not: {@code sample-tools/build.sh} (or the Maven profile
 * {@code build-samples}) builds them into {@code sample-tools/target/js-samples}, from where
 * {@code corral serve --component} loads them.
 *
 * <pre>{@code
 * for (SampleTool tool : SampleTools.bundled()) {
 *   server.load(tool.name(), tool.wasm(), tool.policy());
 * }
 * }</pre>
 */
public final class SampleTools {
  private static final List<SampleTool> ALL = List.of(
      new SampleTool("compute", "C", "SHA-256 hashing and text statistics over large text; no permissions"),
      new SampleTool("config", "C", "reads environment variables the policy grants"),
      new SampleTool("filesystem", "Rust", "lists, reads, searches and stats files in directories the policy grants, read-only"),
      new SampleTool("time", "JavaScript", "the current time, or any instant, in a time zone; no permissions"),
      new SampleTool("fetch", "JavaScript", "fetches a URL from hosts the policy grants and returns text or Markdown"));

  private SampleTools() {}

  /** Every sample tool, bundled or not, in a fixed order. */
  public static List<SampleTool> all() {
    return ALL;
  }

  /** The sample tools whose component is on the classpath. */
  public static List<SampleTool> bundled() {
    return ALL.stream().filter(SampleTool::isBundled).toList();
  }

  /** The sample tool with this name, bundled or not. */
  public static Optional<SampleTool> find(String name) {
    return ALL.stream().filter(tool -> tool.name().equals(name)).findFirst();
  }

  /**
   * Writes every bundled tool into {@code directory} as {@code <name>.wasm} and {@code
   * <name>.policy.yaml}, creating the directory if needed, and returns the tools written. Each
   * file is written to a temporary name first and then renamed, so none is left half-written.
   */
  public static List<SampleTool> copyBundledTo(Path directory) throws IOException {
    Files.createDirectories(directory);
    List<SampleTool> tools = bundled();
    for (SampleTool tool : tools) {
      write(directory.resolve(tool.name() + ".wasm"), tool.wasm());
      write(directory.resolve(tool.name() + ".policy.yaml"), tool.policy().getBytes(StandardCharsets.UTF_8));
    }
    return tools;
  }

  private static void write(Path target, byte[] bytes) throws IOException {
    Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      Files.write(temporary, bytes);
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
