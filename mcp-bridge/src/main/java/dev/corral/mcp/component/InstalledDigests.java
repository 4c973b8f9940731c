package dev.corral.mcp.component;

import dev.corral.oci.Digest;
import dev.corral.oci.OciException;
import dev.corral.policy.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The digest each installed component had when it was installed, kept beside it as {@code
 * ID.digest} (one {@code sha256:HEX} per line), so that a binary changed since (truncated,
 * replaced, corrupted) is not served. While an install replaces a component the record names the
 * old and the new digest, so an install killed half-way leaves a component that is either whole and
 * accepted; the finished install leaves only the new one. Records are written to a temporary name
 * and renamed.
 */
final class InstalledDigests {
  /** Appended to a component's id to name its digest record. */
  static final String SUFFIX = ".digest";

  private final Path directory;

  InstalledDigests(Path directory) {
    this.directory = directory;
  }

  Path file(String id) {
    return directory.resolve(id + SUFFIX);
  }

  /**
   * The digests accepted for {@code id}; empty if it has no record (installed before records were
   * kept).
   */
  Optional<Set<Digest>> accepted(String id) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file(id), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Set<Digest> digests = new LinkedHashSet<>();
    for (String line : lines) {
      if (!line.isBlank()) {
        try {
          digests.add(Digest.parse(line.strip()));
        } catch (OciException e) {
          throw new IOException(file(id) + ": not a digest record: " + e.getMessage(), e);
        }
      }
    }
    return Optional.of(digests);
  }

  /**
   * Accepts {@code next} beside the digest of {@code current}, the component file about to be
   * replaced, if that one is accepted now (or there is no record): whichever of the two is in place
   * after a crash is served, nothing else.
   */
  void begin(String id, Path current, Digest next) throws IOException {
    List<Digest> digests = new ArrayList<>();
    if (Files.isRegularFile(current)) {
      Digest present = Digest.sha256(current);
      Optional<Set<Digest>> accepted;
      try {
        accepted = accepted(id);
      } catch (IOException e) {
        accepted =
            Optional.of(Set.of()); // an unreadable record accepts nothing of the old component
      }
      if (accepted.isEmpty() || accepted.get().contains(present)) {
        digests.add(present);
      }
    }
    digests.remove(next);
    digests.add(next);
    write(id, digests);
  }

  /** Records {@code digest} as the only one accepted for {@code id}. */
  void record(String id, Digest digest) throws IOException {
    write(id, List.of(digest));
  }

  void remove(String id) throws IOException {
    Files.deleteIfExists(file(id));
  }

  private void write(String id, List<Digest> digests) throws IOException {
    Path target = file(id);
    StringBuilder text = new StringBuilder();
    digests.forEach(d -> text.append(d).append('\n'));
    AtomicFiles.write(
        target,
        directory,
        ".partial",
        temporary -> Files.writeString(temporary, text, StandardCharsets.US_ASCII));
  }
}
