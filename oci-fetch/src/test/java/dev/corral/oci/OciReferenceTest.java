package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OciReferenceTest {
  private static final String HEX = "a".repeat(64);

  @Test
  void parsesTagDigestAndBoth() throws OciException {
    OciReference tag = OciReference.parse("oci://ghcr.io/acme/tools/adder:1.0");
    assertEquals("ghcr.io", tag.registry());
    assertEquals("acme/tools/adder", tag.repository());
    assertEquals("1.0", tag.tag());
    assertNull(tag.digest());

    OciReference digest = OciReference.parse("oci://localhost:5000/adder@sha256:" + HEX);
    assertEquals("localhost:5000", digest.registry());
    assertNull(digest.tag());
    assertEquals(new Digest("sha256", HEX), digest.digest());
    assertEquals("sha256:" + HEX, digest.manifestReference());

    OciReference both = OciReference.parse("127.0.0.1:5000/a/b:v2@sha256:" + HEX);
    assertEquals("v2", both.tag());
    assertEquals("oci://127.0.0.1:5000/a/b:v2@sha256:" + HEX, both.toString());

    assertEquals("latest", OciReference.parse("oci://r.example/x").tag());
  }

  @Test
  void rejectsBadReferencesWithTheReason() {
    assertEquals(
        "not an OCI reference (expected oci://registry/repository:tag): 'oci://adder'",
        assertThrows(OciException.class, () -> OciReference.parse("oci://adder")).getMessage());
    assertEquals(
        "invalid repository name 'Acme/adder' in 'oci://r.io/Acme/adder:1' (lower-case letters, "
            + "digits, separators . _ - and /)",
        assertThrows(OciException.class, () -> OciReference.parse("oci://r.io/Acme/adder:1"))
            .getMessage());
    assertEquals(
        "not a valid digest (expected sha256:<64 hex digits>): 'sha256:abc'",
        assertThrows(OciException.class, () -> OciReference.parse("oci://r.io/a@sha256:abc"))
            .getMessage());
    assertEquals(
        "invalid tag '-x' in 'oci://r.io/a:-x'",
        assertThrows(OciException.class, () -> OciReference.parse("oci://r.io/a:-x")).getMessage());
  }

  @Test
  void rejectsRegistriesNoClientCouldReach() {
    for (String registry : new String[] {"r.io:99999", "[:]", "-r.io", "r..io", "r.io.", "r_io"}) {
      String text = "oci://" + registry + "/tools/x:1";
      assertEquals(
          "invalid registry host '" + registry + "' in '" + text + "'",
          assertThrows(OciException.class, () -> OciReference.parse(text)).getMessage());
    }
  }

  @Test
  void acceptsHostNamesAddressesAndPorts() throws OciException {
    for (String registry :
        new String[] {"r.io:65535", "[::1]:5000", "127.0.0.1", "my-registry.example.com:443"}) {
      assertEquals(registry, OciReference.parse("oci://" + registry + "/tools/x:1").registry());
    }
  }
}
