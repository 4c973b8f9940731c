package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureFormatsTest {
    private static final Digest DIGEST = new Digest("sha256", "0123456789abcdef".repeat(4));

    @Test
    void paeMatchesTheDsseSpecificationExample() {
        byte[] pae = SigstoreBundle.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));
        assertEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world", new String(pae, StandardCharsets.UTF_8));
    }

    @Test
    void simpleSigningPayloadHasCosignsShape() throws OciException {
        byte[] payload = SimpleSigningPayload.create("ghcr.io/acme/adder", DIGEST);
        assertEquals("{\"critical\":{\"identity\":{\"docker-reference\":\"ghcr.io/acme/adder\"},\"image\":"
                + "{\"docker-manifest-digest\":\"" + DIGEST + "\"},\"type\":\"cosign container image signature\"},"
                + "\"optional\":null}", new String(payload, StandardCharsets.UTF_8));
        assertEquals(DIGEST, SimpleSigningPayload.signedDigest(payload, "p"));
    }

    @Test
    void simpleSigningPayloadOfAnotherTypeIsRejected() {
        byte[] payload = "{\"critical\":{\"type\":\"atomic container signature\",\"image\":{}}}".getBytes(StandardCharsets.UTF_8);
        assertEquals("simple signing payload p: $.critical.type is 'atomic container signature', expected "
                + "'cosign container image signature'",
                assertThrows(OciException.class, () -> SimpleSigningPayload.signedDigest(payload, "p")).getMessage());
    }

    @Test
    void bundleVerifiesOnlyWithItsKeyAndOnlyForItsSubject() throws OciException {
        KeyPair signer = Keys.generate(Keys.KeyType.ECDSA_P384);
        TrustedKey trusted = new TrustedKey("signer", signer.getPublic());
        TrustedKey other = new TrustedKey("other", Keys.generate(Keys.KeyType.ECDSA_P256).getPublic());
        byte[] bundle = SigstoreBundle.create("r.io/x", DIGEST, signer);
        SignatureRecord record = new SignatureRecord.Bundle(bundle, "test");

        List<String> problems = new ArrayList<>();
        assertTrue(SignatureVerifier.verify(List.of(record), List.of(other, trusted), DIGEST, problems).isPresent());

        problems.clear();
        assertFalse(SignatureVerifier.verify(List.of(record), List.of(other), DIGEST, problems).isPresent());
        assertEquals(List.of("sigstore bundle (test) does not verify with any trusted key"), problems);

        problems.clear();
        Digest another = Digest.sha256(new byte[] {42});
        assertFalse(SignatureVerifier.verify(List.of(record), List.of(trusted), another, problems).isPresent());
        assertEquals(List.of("sigstore bundle (test) by " + trusted + " names subjects [" + DIGEST + "], not " + another),
                problems);
    }
}
