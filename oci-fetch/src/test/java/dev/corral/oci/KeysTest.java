package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * PEM key parsing: a broken file is an {@link OciException} naming it, never a Bouncy Castle
 * runtime exception (Bouncy Castle 1.87 reports bad base64 and bad DER as IOExceptions; the
 * fuzz target {@code OciParsersFuzzTest} keeps it so).
 */
class KeysTest {
    @Test
    void publicKeyWithBadBase64IsRefused() {
        OciException e = assertThrows(OciException.class, () -> Keys.parsePublicKey(
                "-----BEGIN PUBLIC KEY-----\nMFkw!!!!EwYHKoZI\n-----END PUBLIC KEY-----\n", "acme.pub"));
        assertEquals("acme.pub: not a valid PEM public key: malformed PEM data: unable to decode base64 string: "
                + "invalid characters encountered in base64 data", e.getMessage());
    }

    @Test
    void publicKeyWithMalformedDerIsRefused() {
        OciException e = assertThrows(OciException.class, () -> Keys.parsePublicKey(
                "-----BEGIN PUBLIC KEY-----\nAQID\n-----END PUBLIC KEY-----\n", "acme.pub"));
        assertEquals("acme.pub: not a valid PEM public key: problem extracting key: java.lang.IllegalArgumentException: "
                + "failed to construct sequence from byte[]", e.getMessage());
    }

    @Test
    void privateKeyWithBadBase64IsRefused() {
        OciException e = assertThrows(OciException.class, () -> CosignKeys.parsePrivateKey(
                "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMG=A\n-----END PRIVATE KEY-----\n", new char[0], "acme.key"));
        assertEquals("acme.key: not a valid PEM private key: malformed PEM data: unable to decode base64 string: "
                + "truncated final block in base64 data", e.getMessage());
    }
}
