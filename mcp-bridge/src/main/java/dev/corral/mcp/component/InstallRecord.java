package dev.corral.mcp.component;

import dev.corral.policy.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What was installed under an id, kept beside it as {@code ID.install.json}: the component's
 * digest, where it came from, when its artifact says it was built ({@code
 * org.opencontainers.image.created} of the signed manifest, if it says so), and every digest it
 * replaced under this id. A signed replacement is a rollback, refused, when its digest is one of
 * those replaced, or when both it and the installed one carry a build time and its time is earlier
 * ({@link ComponentInstaller#checkNotRollback}).
 *
 * @param digest the installed component's digest ({@code sha256:…} of {@code ID.wasm})
 * @param source where it was installed from
 * @param created when its artifact was built, if known
 * @param replaced the digests installed under this id before it, oldest first
 */
public record InstallRecord(
    String digest, String source, Optional<Instant> created, List<String> replaced) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public InstallRecord {
    replaced = List.copyOf(replaced);
  }

  /** The record of a component that replaces this one. */
  public InstallRecord replacedBy(
      String newDigest, String newSource, Optional<Instant> newCreated) {
    List<String> history = new ArrayList<>(replaced);
    if (!newDigest.equals(digest)) {
      history.remove(digest);
      history.add(digest);
    }
    return new InstallRecord(newDigest, newSource, newCreated, history);
  }

  /**
   * Why installing {@code newDigest} (built at {@code newCreated}) over this one is a rollback;
   * empty if it is not.
   */
  public Optional<String> rollback(String newDigest, Optional<Instant> newCreated) {
    if (newDigest.equals(digest)) {
      return Optional.empty();
    }
    if (replaced.contains(newDigest)) {
      return Optional.of(
          newDigest + " was installed under this id before " + digest + " replaced it");
    }
    if (created.isPresent() && newCreated.isPresent() && newCreated.get().isBefore(created.get())) {
      return Optional.of(
          newDigest
              + " was built at "
              + newCreated.get()
              + ", before the installed "
              + digest
              + " (built at "
              + created.get()
              + ")");
    }
    return Optional.empty();
  }

  /**
   * Reads a record; empty if there is none or it cannot be read (a component installed before
   * records existed).
   */
  public static Optional<InstallRecord> read(Path file) {
    try {
      JsonNode root = JSON.readTree(Files.readAllBytes(file));
      List<String> replaced = new ArrayList<>();
      root.path("replaced").forEach(d -> replaced.add(d.asString()));
      Optional<Instant> created =
          root.hasNonNull("created")
              ? Optional.of(Instant.parse(root.get("created").asString()))
              : Optional.empty();
      String digest = root.path("digest").asString("");
      return digest.isEmpty()
          ? Optional.empty()
          : Optional.of(
              new InstallRecord(digest, root.path("source").asString(""), created, replaced));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | JacksonException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Writes the record atomically ({@link AtomicFiles}: temporary file, fsync, rename). */
  public void write(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("digest", digest);
    root.put("source", source);
    created.ifPresent(c -> root.put("created", c.toString()));
    var history = root.putArray("replaced");
    replaced.forEach(history::add);
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    AtomicFiles.write(
        file, file.getParent(), ".partial", temporary -> Files.write(temporary, bytes));
  }
}
