package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustPolicyTest {
  @TempDir Path dir;

  @Test
  void mostSpecificPrefixWinsAtSegmentBoundaries() throws Exception {
    TrustedKey a = new TrustedKey("a", Keys.generate(Keys.KeyType.ED25519).getPublic());
    TrustedKey b = new TrustedKey("b", Keys.generate(Keys.KeyType.ED25519).getPublic());
    TrustedKey any = new TrustedKey("any", Keys.generate(Keys.KeyType.ED25519).getPublic());
    TrustPolicy policy =
        TrustPolicy.empty().trust("ghcr.io/acme", a).trust("ghcr.io/acme/tools", b);

    assertEquals(
        "ghcr.io/acme/tools",
        policy.ruleFor(OciReference.parse("oci://ghcr.io/acme/tools/x:1")).orElseThrow().prefix());
    assertEquals(
        "ghcr.io/acme",
        policy
            .ruleFor(OciReference.parse("oci://ghcr.io/acme/toolsmith:1"))
            .orElseThrow()
            .prefix());
    assertEquals(
        Optional.empty(), policy.ruleFor(OciReference.parse("oci://ghcr.io/acmecorp/x:1")));
    assertEquals(
        "*",
        policy
            .trust("*", any)
            .ruleFor(OciReference.parse("oci://r.io/x:1"))
            .orElseThrow()
            .prefix());
    assertEquals(
        "ghcr.io/acme",
        policy
            .trust("*", any)
            .ruleFor(OciReference.parse("oci://ghcr.io/acme/y:1"))
            .orElseThrow()
            .prefix());
  }

  @Test
  void loadsFromJsonWithKeyPathsRelativeToTheFile() throws Exception {
    CosignKeys.GeneratedKeys keys =
        CosignKeys.keygen(dir.resolve("acme"), Keys.KeyType.ECDSA_P384, new char[0]);
    Path file = dir.resolve("trust.json");
    Files.writeString(file, "{\"trust\":[{\"prefix\":\"ghcr.io/acme\",\"keys\":[\"acme.pub\"]}]}");

    TrustPolicy policy = TrustPolicy.load(file);

    TrustPolicy.Rule rule =
        policy.ruleFor(OciReference.parse("oci://ghcr.io/acme/x:1")).orElseThrow();
    assertEquals(dir.resolve("acme.pub").toString(), rule.keys().get(0).name());
    assertTrue(rule.keys().get(0).toString().startsWith("ECDSA-P384 SHA256:"));
    assertEquals(keys.fingerprint(), Keys.fingerprint(rule.keys().get(0).key()));
  }

  @Test
  void badPolicyFileNamesThePath() throws Exception {
    Path file = dir.resolve("trust.json");
    Files.writeString(file, "{\"trust\":[{\"prefix\":\"r.io\",\"keys\":[]}]}");
    assertEquals(
        file + ": $.trust[0].keys must be a non-empty array of PEM file paths",
        assertThrows(OciException.class, () -> TrustPolicy.load(file)).getMessage());
  }

  @Test
  void keyThatIsNotAPathIsRefused() throws Exception {
    Path file = dir.resolve("trust.json");
    Files.writeString(file, "{\"trust\":[{\"prefix\":\"r.io\",\"keys\":[{\"file\":\"a.pub\"}]}]}");
    assertEquals(
        file + ": $.trust[0].keys[0] must be a string (a PEM file path)",
        assertThrows(OciException.class, () -> TrustPolicy.load(file)).getMessage());
    Files.writeString(file, "{\"trust\":[{\"prefix\":\"r.io\",\"keys\":[\"a\\u0000.pub\"]}]}");
    assertEquals(
        file + ": $.trust[0].keys[0] is not a valid path: Nul character not allowed: a\u0000.pub",
        assertThrows(OciException.class, () -> TrustPolicy.load(file)).getMessage());
  }
}
