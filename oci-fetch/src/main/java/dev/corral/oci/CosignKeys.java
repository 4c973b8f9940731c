package dev.corral.oci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.generators.SCrypt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * cosign's password-encrypted private key format: a PEM block ({@code ENCRYPTED SIGSTORE PRIVATE
 * KEY}, formerly {@code ENCRYPTED COSIGN PRIVATE KEY}) whose body is JSON {@code
 * {"kdf":{"name":"scrypt","params":{"N","r","p"},"salt"},
 * "cipher":{"name":"nacl/secretbox","nonce"},"ciphertext"}}; the secretbox key is scrypt(password,
 * salt, N, r, p, 32) and the plaintext is the PKCS#8 DER private key.
 */
public final class CosignKeys {
  /** Environment variable holding the private key password (as for cosign). */
  public static final String PASSWORD_VARIABLE = "COSIGN_PASSWORD";

  static final String PEM_TYPE = "ENCRYPTED SIGSTORE PRIVATE KEY";
  static final String LEGACY_PEM_TYPE = "ENCRYPTED COSIGN PRIVATE KEY";
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");
  private static final int SCRYPT_N = 65536;
  private static final int SCRYPT_R = 8;
  private static final int SCRYPT_P = 1;

  private CosignKeys() {}

  /**
   * The private key password from {@value #PASSWORD_VARIABLE}, if set (an empty value is an empty
   * password).
   */
  public static java.util.Optional<char[]> passwordFromEnvironment(
      java.util.Map<String, String> env) {
    String value = env.get(PASSWORD_VARIABLE);
    return value == null ? java.util.Optional.empty() : java.util.Optional.of(value.toCharArray());
  }

  /** The files {@link #keygen} wrote. */
  public record GeneratedKeys(Path privateKey, Path publicKey, String fingerprint) {}

  /**
   * Writes {@code PREFIX.key} (encrypted with {@code password}) and {@code PREFIX.pub}; refuses to
   * overwrite existing files.
   */
  public static GeneratedKeys keygen(Path prefix, Keys.KeyType type, char[] password)
      throws OciException {
    Path keyFile = prefix.resolveSibling(prefix.getFileName() + ".key");
    Path pubFile = prefix.resolveSibling(prefix.getFileName() + ".pub");
    for (Path p : new Path[] {keyFile, pubFile}) {
      if (Files.exists(p)) {
        throw new OciException("refusing to overwrite existing " + p);
      }
    }
    KeyPair pair = Keys.generate(type);
    writeAtomically(keyFile, encrypt(pair.getPrivate(), password));
    writeAtomically(pubFile, Keys.toPem(pair.getPublic()));
    return new GeneratedKeys(keyFile, pubFile, Keys.fingerprint(pair.getPublic()));
  }

  /** The PEM text of {@code key} encrypted with {@code password}. */
  public static String encrypt(PrivateKey key, char[] password) {
    SecureRandom random = new SecureRandom();
    byte[] salt = new byte[32];
    byte[] nonce = new byte[SecretBox.NONCE_BYTES];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    byte[] boxKey =
        SCrypt.generate(utf8(password), salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, SecretBox.KEY_BYTES);
    byte[] ciphertext = SecretBox.seal(boxKey, nonce, key.getEncoded());
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode root = Json.object();
    ObjectNode kdf = root.putObject("kdf");
    kdf.put("name", "scrypt");
    ObjectNode params = kdf.putObject("params");
    params.put("N", SCRYPT_N);
    params.put("r", SCRYPT_R);
    params.put("p", SCRYPT_P);
    kdf.put("salt", b64.encodeToString(salt));
    ObjectNode cipher = root.putObject("cipher");
    cipher.put("name", "nacl/secretbox");
    cipher.put("nonce", b64.encodeToString(nonce));
    root.put("ciphertext", b64.encodeToString(ciphertext));
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(Json.bytes(root));
    return "-----BEGIN " + PEM_TYPE + "-----\n" + body + "\n-----END " + PEM_TYPE + "-----\n";
  }

  /** Reads a private key file: cosign's encrypted format, or an unencrypted PEM private key. */
  public static KeyPair readPrivateKey(Path file, char[] password) throws OciException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new OciException("cannot read private key " + file + ": " + e.getMessage(), e);
    }
    return parsePrivateKey(text, password, file.toString());
  }

  public static KeyPair parsePrivateKey(String pem, char[] password, String source)
      throws OciException {
    Matcher m = PEM.matcher(pem);
    if (!m.find()) {
      throw new OciException(source + ": no PEM block found");
    }
    String type = m.group(1);
    if (!type.equals(PEM_TYPE) && !type.equals(LEGACY_PEM_TYPE)) {
      return Keys.parseUnencryptedPrivateKey(pem, source);
    }
    byte[] json;
    try {
      json = Base64.getMimeDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      throw new OciException(source + ": PEM body is not base64", e);
    }
    return Keys.keyPairOf(decryptToKey(json, password, source), source);
  }

  /** Decrypts the JSON envelope to the plaintext bytes (PKCS#8 for keys). */
  static byte[] decrypt(byte[] envelope, char[] password, String source) throws OciException {
    JsonNode root = Json.parse(envelope, source + " (encrypted key envelope)");
    JsonNode kdf = root.path("kdf");
    JsonNode cipher = root.path("cipher");
    if (!"scrypt".equals(kdf.path("name").asString(""))) {
      throw new OciException(
          source + ": $.kdf.name must be 'scrypt', found '" + kdf.path("name").asString("") + "'");
    }
    if (!"nacl/secretbox".equals(cipher.path("name").asString(""))) {
      throw new OciException(
          source
              + ": $.cipher.name must be 'nacl/secretbox', found '"
              + cipher.path("name").asString("")
              + "'");
    }
    int n = kdf.path("params").path("N").asInt(0);
    int r = kdf.path("params").path("r").asInt(0);
    int p = kdf.path("params").path("p").asInt(0);
    if (n < 2 || Integer.bitCount(n) != 1 || n > (1 << 20) || r < 1 || r > 32 || p < 1 || p > 16) {
      throw new OciException(
          source + ": unsupported scrypt parameters N=" + n + " r=" + r + " p=" + p);
    }
    byte[] salt;
    byte[] nonce;
    byte[] ciphertext;
    try {
      salt = Base64.getDecoder().decode(Json.string(kdf, "salt", "$.kdf"));
      nonce = Base64.getDecoder().decode(Json.string(cipher, "nonce", "$.cipher"));
      ciphertext = Base64.getDecoder().decode(Json.string(root, "ciphertext", "$"));
    } catch (IllegalArgumentException e) {
      throw new OciException(source + ": salt, nonce or ciphertext is not base64", e);
    } catch (OciException e) {
      throw new OciException(source + ": " + e.getMessage(), e);
    }
    if (nonce.length != SecretBox.NONCE_BYTES) {
      throw new OciException(source + ": $.cipher.nonce must be 24 bytes, found " + nonce.length);
    }
    byte[] boxKey = SCrypt.generate(utf8(password), salt, n, r, p, SecretBox.KEY_BYTES);
    byte[] plain = SecretBox.open(boxKey, nonce, ciphertext);
    if (plain == null) {
      throw new OciException(source + ": wrong password (or the key file was modified)");
    }
    return plain;
  }

  private static PrivateKey decryptToKey(byte[] envelope, char[] password, String source)
      throws OciException {
    byte[] pkcs8 = decrypt(envelope, password, source);
    try {
      String algorithm =
          PrivateKeyInfo.getInstance(pkcs8).getPrivateKeyAlgorithm().getAlgorithm().getId();
      String jca =
          switch (algorithm) {
            case "1.2.840.10045.2.1" -> "EC";
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.3.101.112" -> "Ed25519";
            default ->
                throw new OciException(
                    source + ": unsupported private key algorithm OID " + algorithm);
          };
      return KeyFactory.getInstance(jca, Keys.BC).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
      throw new OciException(
          source + ": decrypted key is not a valid PKCS#8 private key: " + e.getMessage(), e);
    }
  }

  private static byte[] utf8(char[] password) {
    return new String(password).getBytes(StandardCharsets.UTF_8);
  }

  static void writeAtomically(Path file, String content) throws OciException {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      AtomicFiles.write(
          file, dir, ".tmp", temp -> Files.writeString(temp, content, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new OciException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
