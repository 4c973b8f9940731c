package dev.corral.oci;

import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl {@code crypto_secretbox} (XSalsa20-Poly1305) built from Bouncy Castle primitives: the first
 * 32 keystream bytes are the one-time Poly1305 key, the rest encrypt the message, and the output is
 * {@code tag(16) || ciphertext}.
 */
final class SecretBox {
  static final int KEY_BYTES = 32;
  static final int NONCE_BYTES = 24;
  private static final int TAG_BYTES = 16;

  private SecretBox() {}

  static byte[] seal(byte[] key, byte[] nonce, byte[] message) {
    XSalsa20Engine cipher = cipher(key, nonce);
    byte[] macKey = keystream(cipher);
    byte[] out = new byte[TAG_BYTES + message.length];
    cipher.processBytes(message, 0, message.length, out, TAG_BYTES);
    byte[] tag = mac(macKey, out, TAG_BYTES, message.length);
    System.arraycopy(tag, 0, out, 0, TAG_BYTES);
    return out;
  }

  /** Opens a box; null if the tag does not verify (wrong key or tampered ciphertext). */
  static byte[] open(byte[] key, byte[] nonce, byte[] box) {
    if (box.length < TAG_BYTES) {
      return null;
    }
    XSalsa20Engine cipher = cipher(key, nonce);
    byte[] macKey = keystream(cipher);
    byte[] expected = mac(macKey, box, TAG_BYTES, box.length - TAG_BYTES);
    if (!MessageDigest.isEqual(expected, Arrays.copyOf(box, TAG_BYTES))) {
      return null;
    }
    byte[] message = new byte[box.length - TAG_BYTES];
    cipher.processBytes(box, TAG_BYTES, message.length, message, 0);
    return message;
  }

  private static XSalsa20Engine cipher(byte[] key, byte[] nonce) {
    if (key.length != KEY_BYTES || nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("secretbox needs a 32-byte key and a 24-byte nonce");
    }
    XSalsa20Engine engine = new XSalsa20Engine();
    engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    return engine;
  }

  private static byte[] keystream(XSalsa20Engine cipher) {
    byte[] block = new byte[32];
    cipher.processBytes(new byte[32], 0, 32, block, 0);
    return block;
  }

  private static byte[] mac(byte[] macKey, byte[] data, int offset, int length) {
    Poly1305 poly = new Poly1305();
    poly.init(new KeyParameter(macKey));
    poly.update(data, offset, length);
    byte[] tag = new byte[TAG_BYTES];
    poly.doFinal(tag, 0);
    return tag;
  }
}
