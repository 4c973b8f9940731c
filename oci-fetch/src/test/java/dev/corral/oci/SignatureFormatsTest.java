package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureFormatsTest {
  private static final Digest DIGEST = new Digest("sha256", "0123456789abcdef".repeat(4));

  /** {@code r.io/x} at {@link #DIGEST}: what the test bundles sign. */
  private static final OciReference PINNED = new OciReference("r.io", "x", null, DIGEST);

  @Test
  void paeMatchesTheDsseSpecificationExample() {
    byte[] pae =
        SigstoreBundle.pae(
            "http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));
    assertEquals(
        "DSSEv1 29 http://example.com/HelloWorld 11 hello world",
        new String(pae, StandardCharsets.UTF_8));
  }

  @Test
  void simpleSigningPayloadHasCosignsShape() throws OciException {
    byte[] payload = SimpleSigningPayload.create("ghcr.io/acme/adder", DIGEST);
    assertEquals(
        "{\"critical\":{\"identity\":{\"docker-reference\":\"ghcr.io/acme/adder\"},\"image\":"
            + "{\"docker-manifest-digest\":\""
            + DIGEST
            + "\"},\"type\":\"cosign container image signature\"},"
            + "\"optional\":null}",
        new String(payload, StandardCharsets.UTF_8));
    assertEquals(DIGEST, SimpleSigningPayload.signedDigest(payload, "p"));
  }

  @Test
  void simpleSigningPayloadOfAnotherTypeIsRejected() {
    byte[] payload =
        "{\"critical\":{\"type\":\"atomic container signature\",\"image\":{}}}"
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(
        "simple signing payload p: $.critical.type is 'atomic container signature', expected "
            + "'cosign container image signature'",
        assertThrows(OciException.class, () -> SimpleSigningPayload.signedDigest(payload, "p"))
            .getMessage());
  }

  /**
   * A bundle as {@code cosign attest} writes it: a DSSE-signed in-toto statement of {@code
   * predicateType}.
   */
  private static byte[] bundle(KeyPair signer, String predicateType, String signatures)
      throws OciException {
    String statement =
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"r.io/x\","
            + "\"digest\":{\"sha256\":\""
            + DIGEST.hex()
            + "\"}}],\"predicateType\":\""
            + predicateType
            + "\",\"predicate\":{}}";
    byte[] payload = statement.getBytes(StandardCharsets.UTF_8);
    byte[] sig =
        Keys.sign(
            signer.getPrivate(),
            signer.getPublic(),
            SigstoreBundle.pae(MediaTypes.IN_TOTO, payload));
    Base64.Encoder b64 = Base64.getEncoder();
    return ("{\"mediaType\":\""
            + MediaTypes.SIGSTORE_BUNDLE_V03
            + "\",\"dsseEnvelope\":{\"payload\":\""
            + b64.encodeToString(payload)
            + "\",\"payloadType\":\""
            + MediaTypes.IN_TOTO
            + "\",\"signatures\":"
            + (signatures != null ? signatures : "[{\"sig\":\"" + b64.encodeToString(sig) + "\"}]")
            + "}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void bundleWithCosignsSignaturePredicateVerifies() throws OciException {
    KeyPair signer = Keys.generate(Keys.KeyType.ECDSA_P256);
    TrustedKey trusted = new TrustedKey("signer", signer.getPublic());
    byte[] bundle = bundle(signer, "https://sigstore.dev/cosign/sign/v1", null);

    List<String> problems = new ArrayList<>();
    assertEquals(
        "sigstore bundle signed by " + trusted + " (test)",
        SignatureVerifier.verify(
                List.of(new SignatureRecord.Bundle(bundle, "test")),
                List.of(trusted),
                PINNED,
                problems)
            .orElseThrow()
            .description());
    assertEquals(List.of(), problems);
  }

  @Test
  void attestationByATrustedKeyIsNotASignature() throws OciException {
    KeyPair signer = Keys.generate(Keys.KeyType.ECDSA_P256);
    TrustedKey trusted = new TrustedKey("signer", signer.getPublic());
    for (String predicate :
        List.of("https://slsa.dev/provenance/v1", "https://cyclonedx.org/bom", "")) {
      byte[] attestation = bundle(signer, predicate, null);

      List<String> problems = new ArrayList<>();
      assertFalse(
          SignatureVerifier.verify(
                  List.of(new SignatureRecord.Bundle(attestation, "test")),
                  List.of(trusted),
                  PINNED,
                  problems)
              .isPresent());
      assertEquals(
          List.of(
              "in-toto statement in bundle (test): $.predicateType is '"
                  + predicate
                  + "', expected 'https://sigstore.dev/cosign/sign/v1' (cosign's signature; an attestation such as "
                  + "provenance or an SBOM is not an approval)"),
          problems);
    }
  }

  @Test
  void bundleWhoseSignaturesAreNotAnArrayIsRejected() throws OciException {
    KeyPair signer = Keys.generate(Keys.KeyType.ECDSA_P256);
    assertEquals(
        "sigstore bundle b: $.dsseEnvelope.signatures must be an array",
        assertThrows(
                OciException.class,
                () ->
                    SigstoreBundle.parse(
                        bundle(signer, SigstoreBundle.PREDICATE_TYPE, "{\"a\":1}"), "b"))
            .getMessage());
    assertEquals(
        "sigstore bundle b: $.dsseEnvelope.signatures[0] must be an object",
        assertThrows(
                OciException.class,
                () ->
                    SigstoreBundle.parse(bundle(signer, SigstoreBundle.PREDICATE_TYPE, "[1]"), "b"))
            .getMessage());
  }

  @Test
  void bundleVerifiesOnlyWithItsKeyAndOnlyForItsSubject() throws OciException {
    KeyPair signer = Keys.generate(Keys.KeyType.ECDSA_P384);
    TrustedKey trusted = new TrustedKey("signer", signer.getPublic());
    TrustedKey other = new TrustedKey("other", Keys.generate(Keys.KeyType.ECDSA_P256).getPublic());
    byte[] bundle = SigstoreBundle.create("r.io/x", DIGEST, signer);
    SignatureRecord record = new SignatureRecord.Bundle(bundle, "test");

    List<String> problems = new ArrayList<>();
    assertTrue(
        SignatureVerifier.verify(List.of(record), List.of(other, trusted), PINNED, problems)
            .isPresent());

    problems.clear();
    assertFalse(
        SignatureVerifier.verify(List.of(record), List.of(other), PINNED, problems).isPresent());
    assertEquals(List.of("sigstore bundle (test) does not verify with any trusted key"), problems);

    problems.clear();
    Digest another = Digest.sha256(new byte[] {42});
    assertFalse(
        SignatureVerifier.verify(
                List.of(record), List.of(trusted), PINNED.withDigest(another), problems)
            .isPresent());
    assertEquals(
        List.of(
            "sigstore bundle (test) by "
                + trusted
                + " names subjects [r.io/x@"
                + DIGEST
                + "], not r.io/x@"
                + another),
        problems);

    problems.clear();
    assertFalse(
        SignatureVerifier.verify(
                List.of(record),
                List.of(trusted),
                new OciReference("r.io", "y", "1", DIGEST),
                problems)
            .isPresent());
    assertEquals(
        List.of(
            "sigstore bundle (test) by "
                + trusted
                + " names subjects [r.io/x@"
                + DIGEST
                + "], not r.io/y@"
                + DIGEST),
        problems);
  }

  @Test
  void aCosignSignatureCountsOnlyForTheRepositoryItNames() throws OciException {
    KeyPair signer = Keys.generate(Keys.KeyType.ECDSA_P256);
    TrustedKey trusted = new TrustedKey("signer", signer.getPublic());
    byte[] payload = SimpleSigningPayload.create("127.0.0.1:5000/tools/moved", DIGEST);
    SignatureRecord record =
        new SignatureRecord.Cosign(
            payload, Keys.sign(signer.getPrivate(), signer.getPublic(), payload), "test");
    List<String> problems = new ArrayList<>();
    assertTrue(
        SignatureVerifier.verify(
                List.of(record),
                List.of(trusted),
                new OciReference("127.0.0.1:5000", "tools/moved", "2", DIGEST),
                problems)
            .isPresent());
    assertFalse(
        SignatureVerifier.verify(
                List.of(record),
                List.of(trusted),
                new OciReference("127.0.0.1:5000", "tools/victim", "2", DIGEST),
                problems)
            .isPresent());
    assertEquals(
        List.of(
            "cosign signature (test) by "
                + trusted
                + " is for the repository 127.0.0.1:5000/tools/moved, "
                + "not 127.0.0.1:5000/tools/victim"),
        problems);
  }

  @Test
  void signedRepositoryNamesAreNormalisedAsDockerReadsThem() throws OciException {
    OciReference hub = OciReference.parse("oci://docker.io/ubuntu:24.04");
    assertEquals("index.docker.io/library/ubuntu", RepositoryName.of(hub));
    for (String same :
        List.of(
            "ubuntu",
            "ubuntu:latest",
            "docker.io/library/ubuntu",
            "index.docker.io/ubuntu@" + DIGEST,
            "registry-1.docker.io/library/ubuntu:1",
            "DOCKER.IO/ubuntu")) {
      assertEquals(RepositoryName.of(hub), RepositoryName.ofSigned(same), same);
    }
    assertEquals("index.docker.io/acme/tool", RepositoryName.ofSigned("acme/tool:1"));
    assertEquals(
        "localhost:5000/tools/x", RepositoryName.ofSigned("localhost:5000/tools/x:2@" + DIGEST));
    assertEquals("localhost/x", RepositoryName.ofSigned("localhost/x"));
    assertEquals("r.io:443/x", RepositoryName.ofSigned("R.io:443/x"));
    assertEquals("r.io/x", RepositoryName.of(OciReference.parse("oci://r.io/x:1")));
    assertFalse(
        RepositoryName.ofSigned("r.io:443/x")
            .equals(RepositoryName.of(OciReference.parse("oci://r.io/x:1"))));
    assertFalse(
        RepositoryName.ofSigned("r.io/x/y")
            .equals(RepositoryName.of(OciReference.parse("oci://r.io/x:1"))));
  }
}
