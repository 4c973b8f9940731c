package dev.corral.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Which keys may sign what: rules mapping a {@code registry[/repository-prefix]} to trusted keys.
 * The most specific matching rule (longest prefix, matched at path-segment boundaries) decides; a
 * reference no rule matches has no trusted key and is refused unless unsigned installs are
 * explicitly allowed.
 *
 * @param rules the rules, in any order
 */
public record TrustPolicy(List<Rule> rules) {
  /**
   * @param prefix {@code registry} or {@code registry/repository/prefix}; {@code *} matches
   *     everything
   * @param keys keys of which any one suffices
   */
  public record Rule(String prefix, List<TrustedKey> keys) {
    public Rule {
      keys = List.copyOf(keys);
    }

    boolean matches(String name) {
      return prefix.equals("*") || name.equals(prefix) || name.startsWith(prefix + "/");
    }
  }

  public TrustPolicy {
    rules = List.copyOf(rules);
  }

  public static TrustPolicy empty() {
    return new TrustPolicy(List.of());
  }

  /** A copy with one more rule. */
  public TrustPolicy trust(String prefix, TrustedKey... keys) {
    List<Rule> more = new ArrayList<>(rules);
    more.add(new Rule(prefix, List.of(keys)));
    return new TrustPolicy(more);
  }

  /** The rule deciding for {@code reference}, if any. */
  public Optional<Rule> ruleFor(OciReference reference) {
    String name = reference.name();
    return rules.stream()
        .filter(r -> r.matches(name))
        .max(Comparator.comparingInt(r -> r.prefix().equals("*") ? -1 : r.prefix().length()));
  }

  /**
   * Loads {@code {"trust":[{"prefix":"ghcr.io/acme","keys":["acme.pub"]}]}}; key paths are relative
   * to the file's directory.
   */
  public static TrustPolicy load(Path file) throws OciException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new OciException("cannot read trust policy " + file + ": " + e.getMessage(), e);
    }
    JsonNode root = Json.parse(bytes, "trust policy " + file);
    JsonNode trust = root.path("trust");
    if (!trust.isArray()) {
      throw new OciException(file + ": $.trust must be an array");
    }
    Path dir = file.toAbsolutePath().getParent();
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < trust.size(); i++) {
      String path = "$.trust[" + i + "]";
      JsonNode rule = trust.get(i);
      String prefix;
      try {
        prefix = Json.string(rule, "prefix", path);
      } catch (OciException e) {
        throw new OciException(file + ": " + e.getMessage());
      }
      JsonNode keys = rule.path("keys");
      if (!keys.isArray() || keys.isEmpty()) {
        throw new OciException(
            file + ": " + path + ".keys must be a non-empty array of PEM file paths");
      }
      List<TrustedKey> trusted = new ArrayList<>();
      for (int k = 0; k < keys.size(); k++) {
        String keyPath = path + ".keys[" + k + "]";
        JsonNode key = keys.get(k);
        if (!key.isString()) {
          throw new OciException(file + ": " + keyPath + " must be a string (a PEM file path)");
        }
        try {
          trusted.add(TrustedKey.read(dir.resolve(key.stringValue())));
        } catch (InvalidPathException e) {
          throw new OciException(
              file + ": " + keyPath + " is not a valid path: " + e.getMessage(), e);
        }
      }
      rules.add(new Rule(prefix, trusted));
    }
    return new TrustPolicy(rules);
  }
}
