package dev.corral.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyStoreTest {
  @TempDir Path data;

  @Test
  void policiesLieFlatBesideTheirComponents() throws Exception {
    PolicyStore store = PolicyStore.inDataDirectory(data);
    assertEquals(data.resolve("components"), store.componentsDirectory());
    assertEquals(data.resolve("components/fetch.policy.yaml"), store.policyFile("fetch"));
    assertEquals(data.resolve("secrets"), store.secrets().directory());
    assertFalse(store.hasPolicy("fetch"));
    assertEquals(Policy.denyAll(), store.load("fetch"));
    store.editor("fetch").grantNetwork("api.example.com");
    assertTrue(store.hasPolicy("fetch"));
    assertEquals(
        List.of("fetch.policy.yaml"),
        Files.list(data.resolve("components"))
            .map(p -> p.getFileName().toString())
            .filter(n -> !n.endsWith(".lock"))
            .toList());
    assertTrue(
        store.live("fetch").current().network().allows("https", "api.example.com", 443, null));
    assertSame(store.editor("fetch"), store.editor("fetch"));
    assertSame(store.live("fetch"), store.live("fetch"));
    assertTrue(store.remove("fetch"));
    assertEquals(Policy.denyAll(), store.live("fetch").current());
  }

  @Test
  void anyDirectoryOfComponentsIsAStore() throws Exception {
    Path tools = data.resolve("my tools");
    PolicyStore store = new PolicyStore(tools, data.resolve("s"));
    store.editor("adder.component").grantEnvironment("LANG");
    assertEquals(
        Set.of("LANG"),
        PolicyParser.parse(tools.resolve("adder.component.policy.yaml"))
            .environment()
            .allowedKeys());
    assertEquals(data.resolve("s/adder.component.yaml"), store.secrets().file("adder.component"));
  }

  @Test
  void relativeStorageUrisResolveAgainstTheComponentsDirectory() throws Exception {
    PolicyStore store = PolicyStore.inDataDirectory(data);
    store.editor("tool").grantStorage("fs://workspace", Set.of(Access.READ));
    assertTrue(
        store.load("tool").storage().allows(data.resolve("components/workspace/a"), Access.READ));
  }

  @Test
  void installValidatesAPolicyLayer() throws Exception {
    PolicyStore store = PolicyStore.inDataDirectory(data);
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () ->
                store.install(
                    "tool", "version: \"1.0\"\nbad: 1\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        "policy shipped with tool:2:1: unknown key 'bad' (at bad)\n"
            + "  hint: allowed here: $schema, description, limits, permissions, secrets, version",
        e.getMessage());
    assertFalse(store.hasPolicy("tool"));
    assertEquals(
        Set.of("API_KEY"),
        store
            .validate(
                "tool",
                "version: \"1.0\"\npermissions: {environment: {allow: [{key: API_KEY}]}}\n"
                    .getBytes(StandardCharsets.UTF_8))
            .environment()
            .allowedKeys());
    assertFalse(store.hasPolicy("tool"));
    store.install("tool", Examples.text("wassette/weather.yaml").getBytes(StandardCharsets.UTF_8));
    assertEquals(Set.of("OPENWEATHER_API_KEY"), store.load("tool").environment().allowedKeys());
    store.editor("tool").grantEnvironment("EXTRA");
    assertFalse(
        store.installIfAbsent(
            "tool", Examples.text("wassette/weather.yaml").getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        Set.of("OPENWEATHER_API_KEY", "EXTRA"), store.load("tool").environment().allowedKeys());
    assertEquals(
        "policy shipped with tool:1:1: unknown key 'nope' (at nope)",
        assertThrows(
                PolicyException.class,
                () -> store.installIfAbsent("tool", "nope: 1\n".getBytes(StandardCharsets.UTF_8)))
            .getMessage()
            .lines()
            .findFirst()
            .orElseThrow());
    assertTrue(
        store.installIfAbsent(
            "other", Examples.text("wassette/minimal.yaml").getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void componentIdsCannotEscapeTheDataDirectory() {
    PolicyStore store = PolicyStore.inDataDirectory(data);
    for (String bad : List.of("..", "../x", "a/b", "", ".hidden", "a..b")) {
      assertThrows(IllegalArgumentException.class, () -> store.policyFile(bad), bad);
    }
  }

  @Test
  void secretsAreStoredApartAndPrivately() throws Exception {
    PolicyStore store = PolicyStore.inDataDirectory(data);
    SecretStore secrets = store.secrets();
    secrets.set("gh", "github-token", "s3cr3t-value");
    secrets.set("gh", "unused", "other");
    Path file = data.resolve("secrets/gh.yaml");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    assertEquals(Set.of("github-token", "unused"), secrets.names("gh"));
    assertEquals(
        "SecretValue[redacted]", secrets.get("gh", "github-token").orElseThrow().toString());
    assertEquals("s3cr3t-value", secrets.get("gh", "github-token").orElseThrow().reveal());

    store
        .editor("gh")
        .replace(
            "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: LANG\n"
                + "secrets:\n  - name: github-token\n    env: GITHUB_TOKEN\n  - name: missing\n    env: MISSING\n");
    Map<String, String> host = new LinkedHashMap<>();
    host.put("LANG", "C");
    host.put("HOME", "/root");
    host.put("GITHUB_TOKEN", "from-host-must-not-leak");
    Map<String, String> env = secrets.environmentFor("gh", store.load("gh"), host);
    assertEquals(Map.of("LANG", "C", "GITHUB_TOKEN", "s3cr3t-value"), env);
    assertFalse(Files.readString(store.policyFile("gh")).contains("s3cr3t"));

    assertTrue(secrets.remove("gh", "github-token"));
    assertFalse(secrets.remove("gh", "github-token"));
    assertEquals(Map.of("LANG", "C"), secrets.environmentFor("gh", store.load("gh"), host));
  }

  @Test
  void secretValuesWithAnyCharactersRoundTrip() throws Exception {
    SecretStore secrets = new SecretStore(data.resolve("s"));
    String tricky = "a\"b\\c\n: # {x} 'y' \u00e9 \ud83d\ude00 ~";
    secrets.set("t", "k", tricky);
    assertEquals(tricky, secrets.get("t", "k").orElseThrow().reveal());
    assertThrows(IllegalArgumentException.class, () -> secrets.set("t", "bad name", "v"));
  }
}
