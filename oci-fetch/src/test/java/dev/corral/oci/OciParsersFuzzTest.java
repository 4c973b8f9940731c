package dev.corral.oci;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes every parser of registry-supplied (or user-supplied) data: image manifests, image indexes,
 * references, digests, cosign simple-signing payloads, sigstore bundles, the cached signatures
 * file, URLs a server hands out (bearer realms, https sources; Locations resolved against a
 * registry URL), PEM public and unencrypted private keys, and {@code file:} sources (seeded from
 * {@code OciParsersFuzzTestInputs/parse}, whose last byte picks the parser). Each input either
 * parses or fails with {@link OciException}; anything else is a finding.
 */
class OciParsersFuzzTest {
  private static final java.net.URI REGISTRY_URL =
      java.net.URI.create("https://registry.example/v2/x/blobs/uploads/");

  @FuzzTest(maxDuration = "5s")
  void parse(FuzzedDataProvider data) {
    int parser = data.consumeInt(0, 11);
    byte[] bytes = data.consumeRemainingAsBytes();
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    try {
      switch (parser) {
        case 0 -> ImageManifest.parse(bytes, "fuzz");
        case 1 -> ImageIndex.parse(bytes, "fuzz");
        case 2 -> OciReference.parse(text);
        case 3 -> Digest.parse(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
        case 4 -> SimpleSigningPayload.signedDigest(bytes, "fuzz");
        case 5 -> SigstoreBundle.parse(bytes, "fuzz");
        case 6 -> ContentStore.parseSignatures(bytes, "fuzz");
        case 7 -> ServerUrls.absolute(text, "fuzz");
        case 8 -> ServerUrls.resolve(REGISTRY_URL, text, "fuzz");
        case 9 -> Keys.parsePublicKey(text, "fuzz");
        case 10 -> Keys.parseUnencryptedPrivateKey(text, "fuzz");
        default -> OciComponents.localPath(text);
      }
    } catch (OciException expected) {
      if (expected.getMessage() == null || expected.getMessage().isBlank()) {
        throw new AssertionError("an OCI error without a message", expected);
      }
    }
  }
}
