package dev.corral.oci;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Signing keys as cosign uses them: ECDSA P-256/P-384, Ed25519 and RSA, public keys in PEM ({@code
 * PUBLIC KEY}, SubjectPublicKeyInfo), with Bouncy Castle as the crypto provider (not registered
 * globally).
 */
public final class Keys {
  static final Provider BC = new BouncyCastleProvider();

  private Keys() {}

  /** Key types {@link #generate} can create. */
  public enum KeyType {
    ECDSA_P256,
    ECDSA_P384,
    ED25519,
    RSA_3072
  }

  /** Reads a PEM public key file. */
  public static PublicKey readPublicKey(Path file) throws OciException {
    try {
      return parsePublicKey(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    } catch (IOException e) {
      throw new OciException("cannot read public key " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a PEM {@code PUBLIC KEY}; {@code source} names it in errors. */
  public static PublicKey parsePublicKey(String pem, String source) throws OciException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      if (!(object instanceof SubjectPublicKeyInfo info)) {
        throw new OciException(
            source
                + ": expected a PEM 'PUBLIC KEY' block, found "
                + (object == null ? "no PEM block" : object.getClass().getSimpleName()));
      }
      PublicKey key = new JcaPEMKeyConverter().setProvider(BC).getPublicKey(info);
      try {
        describe(key);
      } catch (OciException e) {
        throw new OciException(source + ": " + e.getMessage(), e);
      }
      return key;
    } catch (IOException e) {
      throw new OciException(source + ": not a valid PEM public key: " + e.getMessage(), e);
    }
  }

  /** Parses an unencrypted PEM private key ({@code PRIVATE KEY} or {@code EC PRIVATE KEY}). */
  static KeyPair parseUnencryptedPrivateKey(String pem, String source) throws OciException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BC);
      if (object instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair);
      }
      if (object instanceof PrivateKeyInfo info) {
        return keyPairOf(converter.getPrivateKey(info), source);
      }
      throw new OciException(
          source
              + ": expected a PEM private key, found "
              + (object == null ? "no PEM block" : object.getClass().getSimpleName()));
    } catch (IOException e) {
      throw new OciException(source + ": not a valid PEM private key: " + e.getMessage(), e);
    }
  }

  /** Rebuilds the key pair from a PKCS#8 private key. */
  static KeyPair keyPairOf(PrivateKey privateKey, String source) throws OciException {
    try {
      PublicKey publicKey =
          switch (privateKey.getAlgorithm()) {
            case "EC", "ECDSA" -> {
              var ec = (ECPrivateKey) privateKey;
              var q = ec.getParameters().getG().multiply(ec.getD()).normalize();
              var spec = new ECPublicKeySpec(q, ec.getParameters());
              yield KeyFactory.getInstance("EC", BC).generatePublic(spec);
            }
            case "RSA" -> {
              var rsa = (RSAPrivateCrtKey) privateKey;
              yield KeyFactory.getInstance("RSA", BC)
                  .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            case "Ed25519", "EdDSA" -> {
              PrivateKeyInfo info = PrivateKeyInfo.getInstance(privateKey.getEncoded());
              var params =
                  new Ed25519PrivateKeyParameters(
                      ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets());
              byte[] spki =
                  new SubjectPublicKeyInfo(
                          new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                          params.generatePublicKey().getEncoded())
                      .getEncoded();
              yield KeyFactory.getInstance("Ed25519", BC)
                  .generatePublic(new X509EncodedKeySpec(spki));
            }
            default ->
                throw new OciException(
                    source + ": unsupported private key algorithm " + privateKey.getAlgorithm());
          };
      return new KeyPair(publicKey, privateKey);
    } catch (GeneralSecurityException | IOException | ClassCastException e) {
      throw new OciException(source + ": cannot derive the public key: " + e.getMessage(), e);
    }
  }

  /** Generates a fresh key pair. */
  public static KeyPair generate(KeyType type) {
    try {
      KeyPairGenerator generator;
      switch (type) {
        case ECDSA_P256, ECDSA_P384 -> {
          generator = KeyPairGenerator.getInstance("EC", BC);
          generator.initialize(
              new ECGenParameterSpec(type == KeyType.ECDSA_P256 ? "secp256r1" : "secp384r1"),
              new SecureRandom());
        }
        case ED25519 -> generator = KeyPairGenerator.getInstance("Ed25519", BC);
        case RSA_3072 -> {
          generator = KeyPairGenerator.getInstance("RSA", BC);
          generator.initialize(3072, new SecureRandom());
        }
        default -> throw new IllegalArgumentException(type.toString());
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate " + type + " key", e);
    }
  }

  /** The PEM {@code PUBLIC KEY} text of {@code key}. */
  public static String toPem(PublicKey key) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(key);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  /**
   * A short stable name for a key in messages: {@code <type> SHA256:<first 16 hex of the SPKI
   * hash>}.
   */
  public static String fingerprint(PublicKey key) {
    String hex = Digest.sha256(key.getEncoded()).hex();
    String type;
    try {
      type = describe(key);
    } catch (OciException e) {
      type = key.getAlgorithm();
    }
    return type + " SHA256:" + hex.substring(0, 16);
  }

  /** Signs {@code data} the way cosign does for this key type. */
  public static byte[] sign(PrivateKey key, PublicKey publicKey, byte[] data) throws OciException {
    try {
      Signature signature = Signature.getInstance(algorithms(publicKey).get(0), BC);
      signature.initSign(key, new SecureRandom());
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new OciException(
          "signing with " + fingerprint(publicKey) + " failed: " + e.getMessage(), e);
    }
  }

  /** True if {@code sig} is a valid signature over {@code data} by {@code key}. */
  public static boolean verify(PublicKey key, byte[] data, byte[] sig) {
    try {
      for (String algorithm : algorithms(key)) {
        Signature signature = Signature.getInstance(algorithm, BC);
        signature.initVerify(key);
        signature.update(data);
        try {
          if (signature.verify(sig)) {
            return true;
          }
        } catch (SignatureException malformed) {
          // not this encoding; try the next algorithm
        }
      }
      return false;
    } catch (GeneralSecurityException | OciException e) {
      return false;
    }
  }

  /** The named curve of an EC public key, from the OID in its SubjectPublicKeyInfo. */
  private static ASN1ObjectIdentifier namedCurve(PublicKey key) throws OciException {
    byte[] encoded = key.getEncoded();
    AlgorithmIdentifier algorithm =
        encoded == null ? null : SubjectPublicKeyInfo.getInstance(encoded).getAlgorithm();
    if (algorithm != null && algorithm.getParameters() instanceof ASN1ObjectIdentifier oid) {
      return oid;
    }
    throw new OciException(
        "unsupported ECDSA key without a named curve (explicit curve parameters); only "
            + "P-256 and P-384 are supported");
  }

  /**
   * Signature algorithms for a key, preferred first (P-384 also accepts SHA-256, as older cosign
   * used it).
   */
  private static List<String> algorithms(PublicKey key) throws OciException {
    return switch (describe(key)) {
      case "ECDSA-P256" -> List.of("SHA256withECDSA");
      case "ECDSA-P384" -> List.of("SHA384withECDSA", "SHA256withECDSA");
      case "Ed25519" -> List.of("Ed25519");
      default -> List.of("SHA256withRSA");
    };
  }

  private static String describe(PublicKey key) throws OciException {
    if (key instanceof ECKey) {
      ASN1ObjectIdentifier curve = namedCurve(key);
      if (curve.equals(SECObjectIdentifiers.secp256r1)) {
        return "ECDSA-P256";
      }
      if (curve.equals(SECObjectIdentifiers.secp384r1)) {
        return "ECDSA-P384";
      }
      String name = ECNamedCurveTable.getName(curve);
      throw new OciException(
          "unsupported ECDSA curve "
              + (name != null ? name + " (" + curve + ")" : curve)
              + "; only P-256 and P-384 are supported");
    }
    if (key instanceof RSAKey rsa) {
      if (rsa.getModulus().bitLength() < 2048) {
        throw new OciException(
            "RSA key of " + rsa.getModulus().bitLength() + " bits is too short (2048 minimum)");
      }
      return "RSA-" + rsa.getModulus().bitLength();
    }
    if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
      return "Ed25519";
    }
    throw new OciException(
        "unsupported key algorithm " + key.getAlgorithm() + " (ECDSA P-256/P-384, Ed25519 or RSA)");
  }
}
