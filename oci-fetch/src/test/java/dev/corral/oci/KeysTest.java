package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

/**
 * PEM key parsing: a broken file is an {@link OciException} naming it, never a Bouncy Castle
 * runtime exception (Bouncy Castle 1.87 reports bad base64 and bad DER as IOExceptions; the fuzz
 * target {@code OciParsersFuzzTest} keeps it so).
 */
class KeysTest {
  private static String pemOf(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Keys.BC);
    generator.initialize(new ECGenParameterSpec(curve));
    return Keys.toPem(generator.generateKeyPair().getPublic());
  }

  @Test
  void curvesAreIdentifiedByNameNotByFieldSize() throws Exception {
    assertEquals(
        "ECDSA-P256",
        Keys.fingerprint(Keys.parsePublicKey(pemOf("secp256r1"), "p256.pub")).split(" ")[0]);
    assertEquals(
        "ECDSA-P384",
        Keys.fingerprint(Keys.parsePublicKey(pemOf("secp384r1"), "p384.pub")).split(" ")[0]);
    for (String[] curve :
        new String[][] {
          {"secp256k1", "1.3.132.0.10"},
          {"brainpoolP256r1", "1.3.36.3.3.2.8.1.1.7"},
          {"brainpoolP384r1", "1.3.36.3.3.2.8.1.1.11"},
          {"secp521r1", "1.3.132.0.35"}
        }) {
      String pem = pemOf(curve[0]);
      OciException e = assertThrows(OciException.class, () -> Keys.parsePublicKey(pem, "k.pub"));
      assertEquals(
          "k.pub: unsupported ECDSA curve "
              + curve[0]
              + " ("
              + curve[1]
              + "); only P-256 and P-384 "
              + "are supported",
          e.getMessage());
    }
  }

  @Test
  void signingWithAnUnsupportedCurveIsRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Keys.BC);
    generator.initialize(new ECGenParameterSpec("secp256k1"));
    KeyPair pair = generator.generateKeyPair();
    OciException e =
        assertThrows(
            OciException.class, () -> Keys.sign(pair.getPrivate(), pair.getPublic(), new byte[1]));
    assertEquals(
        "unsupported ECDSA curve secp256k1 (1.3.132.0.10); only P-256 and P-384 are supported",
        e.getMessage());
    assertFalse(Keys.verify(pair.getPublic(), new byte[1], new byte[64]));
  }

  @Test
  void publicKeyWithBadBase64IsRefused() {
    OciException e =
        assertThrows(
            OciException.class,
            () ->
                Keys.parsePublicKey(
                    "-----BEGIN PUBLIC KEY-----\nMFkw!!!!EwYHKoZI\n-----END PUBLIC KEY-----\n",
                    "acme.pub"));
    assertEquals(
        "acme.pub: not a valid PEM public key: malformed PEM data: unable to decode base64 string: "
            + "invalid characters encountered in base64 data",
        e.getMessage());
  }

  @Test
  void publicKeyWithMalformedDerIsRefused() {
    OciException e =
        assertThrows(
            OciException.class,
            () ->
                Keys.parsePublicKey(
                    "-----BEGIN PUBLIC KEY-----\nAQID\n-----END PUBLIC KEY-----\n", "acme.pub"));
    assertEquals(
        "acme.pub: not a valid PEM public key: problem extracting key: java.lang.IllegalArgumentException: "
            + "failed to construct sequence from byte[]",
        e.getMessage());
  }

  @Test
  void privateKeyWithBadBase64IsRefused() {
    OciException e =
        assertThrows(
            OciException.class,
            () ->
                CosignKeys.parsePrivateKey(
                    "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMG=A\n-----END PRIVATE KEY-----\n",
                    new char[0],
                    "acme.key"));
    assertEquals(
        "acme.key: not a valid PEM private key: malformed PEM data: unable to decode base64 string: "
            + "truncated final block in base64 data",
        e.getMessage());
  }
}
