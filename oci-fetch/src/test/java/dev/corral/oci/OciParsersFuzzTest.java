package dev.corral.oci;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes every parser of registry-supplied data: image manifests, image indexes, references,
 * digests, cosign simple-signing payloads and sigstore bundles (seeded from
 * {@code OciParsersFuzzTestInputs/parse}, whose last byte picks the parser). Each input either
 * parses or fails with {@link OciException}; anything else is a finding.
 */
class OciParsersFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void parse(FuzzedDataProvider data) {
    int parser = data.consumeInt(0, 5);
    byte[] bytes = data.consumeRemainingAsBytes();
    try {
      switch (parser) {
        case 0 -> ImageManifest.parse(bytes, "fuzz");
        case 1 -> ImageIndex.parse(bytes, "fuzz");
        case 2 -> OciReference.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        case 3 -> Digest.parse(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
        case 4 -> SimpleSigningPayload.signedDigest(bytes, "fuzz");
        default -> SigstoreBundle.parse(bytes, "fuzz");
      }
    } catch (OciException expected) {
      if (expected.getMessage() == null || expected.getMessage().isBlank()) {
        throw new AssertionError("an OCI error without a message", expected);
      }
    }
  }
}
