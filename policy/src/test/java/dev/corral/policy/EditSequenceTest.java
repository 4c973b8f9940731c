package dev.corral.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long seeded sequences of edits on a commented file: after every edit the file must hold exactly
 * what a simple independent model of the grants says, every comment line must still be there, and
 * every edit must have been made in place.
 */
class EditSequenceTest {
  @TempDir Path dir;

  static final String START =
      """
      # header comment
      version: "1.0"   # trailing comment
      permissions:
        storage:
          allow:
            # first rule
            - uri: "fs:///data/0"
              access: ["read"]
        network:
          allow:
            - host: "h0.example.com"
        environment:
          allow:
            - key: "K0"
      # limits follow
      limits:
        timeout: 30s
      """;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 1234})
  void randomEditsMatchAnIndependentModel(long seed) throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, START);
    PolicyEditor editor = new PolicyEditor(file);
    Random random = new Random(seed);
    Map<String, Set<Access>> storage =
        new LinkedHashMap<>(Map.of("fs:///data/0", EnumSet.of(Access.READ)));
    Set<String> hosts = new LinkedHashSet<>(List.of("h0.example.com"));
    Set<String> keys = new LinkedHashSet<>(List.of("K0"));
    String timeout = "30s";
    for (int step = 0; step < 120; step++) {
      int n = random.nextInt(4);
      EditResult result;
      switch (random.nextInt(7)) {
        case 0 -> {
          Set<Access> access =
              random.nextBoolean()
                  ? EnumSet.of(Access.READ)
                  : EnumSet.of(Access.READ, Access.WRITE);
          result = editor.grantStorage("fs:///data/" + n, access);
          storage
              .computeIfAbsent("fs:///data/" + n, k -> EnumSet.noneOf(Access.class))
              .addAll(access);
        }
        case 1 -> {
          result = editor.revokeStorage("fs:///data/" + n, EnumSet.of(Access.WRITE));
          Set<Access> left = storage.get("fs:///data/" + n);
          if (left != null) {
            left.remove(Access.WRITE);
            if (left.isEmpty()) {
              storage.remove("fs:///data/" + n);
            }
          }
        }
        case 2 -> {
          result = editor.revokeStorage("fs:///data/" + n);
          storage.remove("fs:///data/" + n);
        }
        case 3 -> {
          result = editor.grantNetwork("h" + n + ".example.com");
          hosts.add("h" + n + ".example.com");
        }
        case 4 -> {
          result = editor.revokeNetwork("h" + n + ".example.com");
          hosts.remove("h" + n + ".example.com");
        }
        case 5 -> {
          if (random.nextBoolean()) {
            result = editor.grantEnvironment("K" + n);
            keys.add("K" + n);
          } else {
            result = editor.revokeEnvironment("K" + n);
            keys.remove("K" + n);
          }
        }
        default -> {
          timeout = (n + 1) + "s";
          result = editor.setLimit(LimitName.TIMEOUT, timeout);
        }
      }
      assertTrue(result.commentsKept(), () -> "rewritten at step with file:\n" + read(file));
      Policy policy = PolicyParser.parse(file);
      assertEquals(result.policy(), policy);
      assertEquals(
          storage,
          policy.storage().allow().stream()
              .collect(
                  Collectors.toMap(
                      StorageRule::uri,
                      r -> EnumSet.copyOf(r.access()),
                      (a, b) -> a,
                      LinkedHashMap::new)));
      assertEquals(
          hosts,
          policy.network().allow().stream()
              .map(r -> r.target().text())
              .collect(Collectors.toCollection(LinkedHashSet::new)));
      assertEquals(keys, policy.environment().allowedKeys());
      assertEquals(Quantities.parseDuration(timeout), policy.limits().timeout());
      String text = read(file);
      for (String comment : List.of("# header comment", "# trailing comment", "# limits follow")) {
        assertTrue(text.contains(comment), () -> "lost " + comment + " in:\n" + text);
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
