package dev.corral.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Secret values, kept apart from policy files: one YAML file per component, {@code
 * <directory>/<component>.yaml} (in Corral's data directory: {@code secrets/}), mode 0600 in a 0700
 * directory, mapping secret names to values. A policy's {@code secrets:} list names the secrets a
 * component may read; {@link #environmentFor} turns that into environment variables. Values never
 * appear in policy files or logs; only names are logged.
 */
public final class SecretStore {
  private static final Logger log = LoggerFactory.getLogger(SecretStore.class);
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private final Path directory;

  public SecretStore(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
  }

  public Path directory() {
    return directory;
  }

  /** Stores {@code value} under {@code name} for the component, replacing any old value. */
  public synchronized void set(String componentId, String name, String value) throws IOException {
    requireName(name);
    Map<String, String> all = new TreeMap<>(read(componentId));
    all.put(name, value);
    write(componentId, all);
  }

  /** Deletes a secret; false if there was none. */
  public synchronized boolean remove(String componentId, String name) throws IOException {
    Map<String, String> all = new TreeMap<>(read(componentId));
    if (all.remove(name) == null) {
      return false;
    }
    write(componentId, all);
    return true;
  }

  /** Deletes every secret of the component (its file); false if it had none. */
  public synchronized boolean removeAll(String componentId) throws IOException {
    return Files.deleteIfExists(file(componentId));
  }

  /** The names of the component's stored secrets (never the values), sorted. */
  public synchronized Set<String> names(String componentId) throws IOException {
    return Collections.unmodifiableSet(read(componentId).keySet());
  }

  /**
   * The environment a component runs with under {@code policy}: the allowed variables of {@code
   * hostEnvironment}, then each secret the policy names, as its {@code env} variable. A named
   * secret that is not stored is left out (and its name logged). Reads the secret file afresh, so a
   * change applies at the next call.
   *
   * @throws IOException if the secret file cannot be read; the message names the file, never a
   *     value
   */
  public synchronized Map<String, String> environmentFor(
      String componentId, Policy policy, Map<String, String> hostEnvironment) throws IOException {
    Map<String, String> env = new LinkedHashMap<>(policy.environment().select(hostEnvironment));
    if (!policy.secrets().isEmpty()) {
      Map<String, String> stored = read(componentId);
      for (SecretRef ref : policy.secrets()) {
        String value = stored.get(ref.name());
        if (value == null) {
          log.warn(
              "component {}: policy names secret '{}' but none is stored; {} is not set",
              componentId,
              ref.name(),
              ref.env());
        } else {
          env.put(ref.env(), value);
        }
      }
    }
    return Collections.unmodifiableMap(env);
  }

  /** The secret named {@code name}, if stored. */
  public synchronized java.util.Optional<SecretValue> get(String componentId, String name)
      throws IOException {
    return java.util.Optional.ofNullable(read(componentId).get(name)).map(SecretValue::new);
  }

  Path file(String componentId) {
    return directory.resolve(ComponentIds.check(componentId) + ".yaml");
  }

  private Map<String, String> read(String componentId) throws IOException {
    Path file = file(componentId);
    JsonNode root;
    try {
      root = YAML.readTree(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (AccessDeniedException e) {
      throw new IOException("cannot read secret file " + file + ": permission denied", e);
    } catch (JacksonException e) {
      // The message could quote a value: name only the file.
      throw new IOException(
          "secret file " + file + " is not a valid YAML mapping of names to strings");
    } catch (IOException e) {
      throw new IOException("cannot read secret file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> out = new TreeMap<>();
    if (root == null || root.isNull() || root.isMissingNode()) {
      return out;
    }
    if (!root.isObject()) {
      throw new IOException("secret file " + file + " is not a YAML mapping of names to strings");
    }
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      if (!entry.getValue().isString()) {
        throw new IOException("secret '" + entry.getKey() + "' in " + file + " is not a string");
      }
      out.put(entry.getKey(), entry.getValue().asString());
    }
    return out;
  }

  private void write(String componentId, Map<String, String> all) throws IOException {
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(directory);
      if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
      }
    }
    StringBuilder text =
        new StringBuilder("# Corral secrets for ")
            .append(componentId)
            .append(". Keep this file private.\n");
    all.forEach(
        (k, v) ->
            text.append(YamlRender.quote(k)).append(": ").append(YamlRender.quote(v)).append('\n'));
    AtomicFiles.write(file(componentId), text.toString().getBytes(StandardCharsets.UTF_8), true);
  }

  private static void requireName(String name) {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")) {
      throw new IllegalArgumentException(
          "secret name '"
              + name
              + "' is not valid: use letters, digits, '.', '_' and '-', starting with a letter or digit");
    }
  }
}
