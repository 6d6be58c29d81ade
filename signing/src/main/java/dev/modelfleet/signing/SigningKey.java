package dev.modelfleet.signing;

import dev.modelfleet.signing.internal.Ec;
import dev.modelfleet.signing.internal.Pbes2;
import dev.modelfleet.signing.internal.Pem;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.jspecify.annotations.Nullable;

/**
 * A private key held in memory: ECDSA P-256/P-384 or Ed25519. ECDSA signatures use deterministic
 * nonces (RFC 6979), so signing needs no random source and the same input gives the same bytes.
 */
public final class SigningKey {
  private final AsymmetricKeyParameter key;
  private final VerificationKey verificationKey;

  private SigningKey(AsymmetricKeyParameter key) throws KeyFormatException {
    VerificationKey.algorithmOf(key); // rejects unsupported curves before anything else
    this.key = key;
    this.verificationKey = VerificationKey.of(Ec.publicOf(key));
  }

  /** A new random key. */
  public static SigningKey generate(KeyAlgorithm algorithm, SecureRandom random) {
    Objects.requireNonNull(random, "random");
    AsymmetricCipherKeyPair pair;
    switch (algorithm) {
      case ED25519 -> {
        Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
        g.init(new Ed25519KeyGenerationParameters(random));
        pair = g.generateKeyPair();
      }
      case ECDSA_P256, ECDSA_P384 -> {
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(
            new ECKeyGenerationParameters(
                algorithm == KeyAlgorithm.ECDSA_P256 ? Ec.p256() : Ec.p384(), random));
        pair = g.generateKeyPair();
      }
      default -> throw new IllegalArgumentException("unknown algorithm " + algorithm);
    }
    try {
      return new SigningKey(pair.getPrivate());
    } catch (KeyFormatException e) {
      throw new IllegalStateException("generated an unsupported key", e);
    }
  }

  /**
   * Loads the first private key block of a PEM text: {@code PRIVATE KEY} (PKCS#8), {@code ENCRYPTED
   * PRIVATE KEY} (PKCS#8 with PBES2) or {@code EC PRIVATE KEY} (SEC 1).
   *
   * @param password for an encrypted key; must be null for an unencrypted one
   * @throws KeyFormatException if there is no private key, the password is missing, superfluous or
   *     wrong, or the key is malformed, unsupported or weak
   */
  public static SigningKey fromPem(String pem, char @Nullable [] password)
      throws KeyFormatException {
    List<Pem.Block> blocks;
    try {
      blocks = Pem.parse(pem);
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException("malformed PEM: " + e.getMessage(), e);
    }
    for (Pem.Block b : blocks) {
      switch (b.label()) {
        case "PRIVATE KEY" -> {
          if (password != null) {
            throw new KeyFormatException(
                "a password was given but the private key is not encrypted");
          }
          return fromPkcs8(b.der());
        }
        case "EC PRIVATE KEY" -> {
          if (password != null) {
            throw new KeyFormatException(
                "a password was given but the private key is not encrypted");
          }
          return fromSec1(b.der());
        }
        case "ENCRYPTED PRIVATE KEY" -> {
          if (password == null) {
            throw new KeyFormatException("the private key is encrypted: a password is required");
          }
          PrivateKeyInfo info;
          try {
            info = Pbes2.decrypt(b.der(), password);
          } catch (IllegalArgumentException | ArithmeticException e) {
            throw new KeyFormatException("cannot decrypt private key: " + e.getMessage(), e);
          }
          return fromInfo(info);
        }
        default -> {
          // keep looking: certificates or public keys may come first
        }
      }
    }
    throw new KeyFormatException("no PEM private key block found");
  }

  private static SigningKey fromPkcs8(byte[] der) throws KeyFormatException {
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(der);
    } catch (RuntimeException e) {
      throw new KeyFormatException("malformed PKCS#8 private key", e);
    }
    return fromInfo(info);
  }

  private static SigningKey fromSec1(byte[] der) throws KeyFormatException {
    try {
      ECPrivateKey sec1 = ECPrivateKey.getInstance(der);
      if (!(sec1.getParametersObject() instanceof ASN1ObjectIdentifier curve)) {
        throw new KeyFormatException("EC private key must name its curve");
      }
      return fromInfo(
          new PrivateKeyInfo(
              new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), sec1));
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException("malformed EC private key", e);
    }
  }

  private static SigningKey fromInfo(PrivateKeyInfo info) throws KeyFormatException {
    ASN1ObjectIdentifier alg = info.getPrivateKeyAlgorithm().getAlgorithm();
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(alg)
        && !(info.getPrivateKeyAlgorithm().getParameters() instanceof ASN1ObjectIdentifier)) {
      throw new KeyFormatException("EC private key with explicit curve parameters is not accepted");
    }
    AsymmetricKeyParameter key;
    try {
      key = PrivateKeyFactory.createKey(info);
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException("unsupported or malformed private key (" + alg + ")", e);
    }
    if (!key.isPrivate()) {
      throw new KeyFormatException("not a private key");
    }
    if (key instanceof ECPrivateKeyParameters ec
        && (ec.getD().signum() <= 0 || ec.getD().compareTo(ec.getParameters().getN()) >= 0)) {
      throw new KeyFormatException("invalid EC private key: scalar out of range");
    }
    return new SigningKey(key);
  }

  public KeyAlgorithm algorithm() {
    return verificationKey.algorithm();
  }

  public VerificationKey verificationKey() {
    return verificationKey;
  }

  /** Signs {@code message}: DER ECDSA (SHA-256 or SHA-384 by curve) or raw 64-byte Ed25519. */
  public byte[] sign(byte[] message) {
    if (key instanceof Ed25519PrivateKeyParameters ed) {
      return Ec.signEd25519(ed, message);
    }
    return Ec.signEcdsa((ECPrivateKeyParameters) key, message);
  }

  /** Unencrypted PKCS#8 PEM ({@code PRIVATE KEY}). */
  public String toPem() {
    return Pem.encode("PRIVATE KEY", pkcs8());
  }

  /**
   * Password-encrypted PKCS#8 PEM ({@code ENCRYPTED PRIVATE KEY}, PBES2 with PBKDF2-HMAC-SHA256 and
   * AES-256-CBC), readable by {@code openssl pkey}.
   */
  public String toEncryptedPem(char[] password, SecureRandom random) {
    return toEncryptedPem(password, random, Pbes2.DEFAULT_ITERATIONS);
  }

  String toEncryptedPem(char[] password, SecureRandom random, int iterations) {
    if (password.length == 0) {
      throw new IllegalArgumentException("password must not be empty");
    }
    try {
      PrivateKeyInfo info = PrivateKeyInfoFactory.createPrivateKeyInfo(key);
      return Pem.encode("ENCRYPTED PRIVATE KEY", Pbes2.encrypt(info, password, random, iterations));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode private key", e);
    }
  }

  private byte[] pkcs8() {
    try {
      return PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode private key", e);
    }
  }

  @Override
  public String toString() {
    return algorithm().id() + " private key for " + verificationKey.keyId();
  }
}
