package dev.corral.samples;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of Corral's sample tools. The C and Rust ones are bundled on the classpath; the
 * JavaScript ones (about 12 MB each) are not: {@code sample-tools/build.sh} (or the Maven profile
 * {@code build-samples}) builds them into {@code sample-tools/target/js-samples}, from where {@code
 * corral serve --samples --component FILE} serves them beside the bundled ones.
 *
 * <pre>{@code
 * for (SampleTool tool : SampleTools.bundled()) {
 *   server.load(tool.name(), tool.wasm(), tool.policy());
 * }
 * }</pre>
 */
public final class SampleTools {
  private static final List<SampleTool> ALL =
      List.of(
          new SampleTool(
              "compute",
              "C",
              "SHA-256 hashing and text statistics over large text; no permissions"),
          new SampleTool("config", "C", "reads environment variables the policy grants"),
          new SampleTool(
              "filesystem",
              "Rust",
              "lists, reads, searches and stats files in directories the policy grants, read-only"),
          new SampleTool(
              "time",
              "JavaScript",
              "the current time, or any instant, in a time zone; no permissions"),
          new SampleTool(
              "fetch",
              "JavaScript",
              "fetches a URL from hosts the policy grants and returns text or Markdown"));

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
   * <name>.policy.yaml}, creating the directory if needed, and returns the tools written.
   *
   * <p>A component file is rewritten only when it differs from the bundled one. A policy file is
   * written when it is missing, or when it still holds a policy this method wrote (the bundled
   * policy of this or an earlier version, whose SHA-256 is kept beside it in {@code
   * .<name>.policy.yaml.bundled}); a policy the user changed, for example with {@code corral
   * permission grant}, is kept as it is. The check and the write hold the lock file {@code
   * .<name>.policy.yaml.lock} that Corral's policy editor takes, so an edit made at the same time
   * is not lost. Each file is written to a temporary name first and then renamed, so none is left
   * half-written.
   */
  public static List<SampleTool> copyBundledTo(Path directory) throws IOException {
    Files.createDirectories(directory);
    List<SampleTool> tools = bundled();
    for (SampleTool tool : tools) {
      writeIfDifferent(directory.resolve(tool.name() + ".wasm"), tool.wasm());
      copyPolicy(tool, directory.resolve(tool.name() + ".policy.yaml"));
    }
    return tools;
  }

  private static void copyPolicy(SampleTool tool, Path policy) throws IOException {
    byte[] bundled = tool.policy().getBytes(StandardCharsets.UTF_8);
    String bundledDigest = sha256(bundled);
    Path record = policy.resolveSibling("." + policy.getFileName() + ".bundled");
    Path lock = policy.resolveSibling("." + policy.getFileName() + ".lock");
    try (FileChannel channel =
        FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      channel.lock(); // released when the channel closes
      if (Files.exists(policy)) {
        String current = sha256(Files.readAllBytes(policy));
        if (current.equals(bundledDigest)) {
          writeIfDifferent(record, (bundledDigest + "\n").getBytes(StandardCharsets.UTF_8));
          return;
        }
        if (!current.equals(lastBundledDigest(record))) {
          return; // the user's policy
        }
      }
      AtomicFiles.write(policy, bundled);
      writeIfDifferent(record, (bundledDigest + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The SHA-256 of the policy {@link #copyBundledTo} last wrote, or "" if unknown. */
  private static String lastBundledDigest(Path record) throws IOException {
    return Files.isRegularFile(record)
        ? Files.readString(record, StandardCharsets.UTF_8).strip()
        : "";
  }

  private static void writeIfDifferent(Path target, byte[] bytes) throws IOException {
    if (!Files.isRegularFile(target) || !Arrays.equals(Files.readAllBytes(target), bytes)) {
      AtomicFiles.write(target, bytes);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
