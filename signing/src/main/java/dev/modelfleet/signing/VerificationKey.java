package dev.modelfleet.signing;

import dev.modelfleet.signing.internal.Ec;
import dev.modelfleet.signing.internal.Pem;
import dev.modelfleet.signing.internal.Sha;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.jspecify.annotations.Nullable;

/**
 * A public key that verifies signatures: ECDSA P-256/P-384 (DER signatures, SHA-256/SHA-384) or
 * Ed25519. Immutable; equal when the keys are equal.
 */
public final class VerificationKey {
  private final KeyAlgorithm algorithm;
  private final AsymmetricKeyParameter key;
  private final byte[] spki;
  private final String keyId;

  private VerificationKey(KeyAlgorithm algorithm, AsymmetricKeyParameter key, byte[] spki) {
    this.algorithm = algorithm;
    this.key = key;
    this.spki = spki;
    this.keyId = Sha.sha256Hex(spki);
  }

  static VerificationKey of(AsymmetricKeyParameter key) {
    try {
      byte[] der = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded("DER");
      return new VerificationKey(algorithmOf(key), key, der);
    } catch (IOException | KeyFormatException e) {
      throw new IllegalArgumentException("cannot encode public key", e);
    }
  }

  /**
   * Loads a DER-encoded SubjectPublicKeyInfo.
   *
   * @throws KeyFormatException if it is malformed, not ECDSA P-256/P-384 or Ed25519, or not a valid
   *     point on its curve
   */
  public static VerificationKey fromSpki(byte[] der) throws KeyFormatException {
    SubjectPublicKeyInfo info;
    try {
      info = SubjectPublicKeyInfo.getInstance(der);
    } catch (RuntimeException e) {
      throw new KeyFormatException("malformed public key: not a DER SubjectPublicKeyInfo", e);
    }
    ASN1ObjectIdentifier alg = info.getAlgorithm().getAlgorithm();
    if (PKCSObjectIdentifiers.rsaEncryption.equals(alg)) {
      throw new KeyFormatException(
          "unsupported key type RSA: use ecdsa-p256, ecdsa-p384 or ed25519");
    }
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(alg)
        && !EdECObjectIdentifiers.id_Ed25519.equals(alg)) {
      throw new KeyFormatException("unsupported public key algorithm " + alg);
    }
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(alg)
        && !(info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier)) {
      throw new KeyFormatException("EC public key with explicit curve parameters is not accepted");
    }
    AsymmetricKeyParameter key;
    try {
      key = PublicKeyFactory.createKey(info);
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException("invalid public key: " + e.getMessage(), e);
    }
    algorithmOf(key); // refuses unsupported curves with a KeyFormatException
    return of(key);
  }

  /**
   * Loads the first {@code PUBLIC KEY} block of a PEM text; text around it is ignored.
   *
   * @throws KeyFormatException if there is no such block or the key is not acceptable
   */
  public static VerificationKey fromPem(String pem) throws KeyFormatException {
    List<Pem.Block> blocks;
    try {
      blocks = Pem.parse(pem);
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException("malformed PEM: " + e.getMessage(), e);
    }
    for (Pem.Block b : blocks) {
      if (b.label().equals("PUBLIC KEY")) {
        return fromSpki(b.der());
      }
    }
    throw new KeyFormatException("no PEM \"PUBLIC KEY\" block found");
  }

  static KeyAlgorithm algorithmOf(AsymmetricKeyParameter key) throws KeyFormatException {
    if (key instanceof Ed25519PublicKeyParameters) {
      return KeyAlgorithm.ED25519;
    }
    ECNamedDomainParameters domain = null;
    if (key instanceof ECPublicKeyParameters ec
        && ec.getParameters() instanceof ECNamedDomainParameters named) {
      domain = named;
    } else if (key instanceof org.bouncycastle.crypto.params.ECPrivateKeyParameters ec
        && ec.getParameters() instanceof ECNamedDomainParameters named) {
      domain = named;
    }
    if (domain != null) {
      ASN1ObjectIdentifier curve = domain.getName();
      if (SECObjectIdentifiers.secp256r1.equals(curve)) {
        return KeyAlgorithm.ECDSA_P256;
      } else if (SECObjectIdentifiers.secp384r1.equals(curve)) {
        return KeyAlgorithm.ECDSA_P384;
      }
      throw new KeyFormatException(
          "unsupported or weak EC curve "
              + curveName(curve)
              + ": use P-256 or P-384 (ecdsa-p256, ecdsa-p384)");
    }
    if (key instanceof org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters) {
      return KeyAlgorithm.ED25519;
    }
    throw new KeyFormatException("unsupported key type " + key.getClass().getSimpleName());
  }

  private static String curveName(ASN1ObjectIdentifier oid) {
    @Nullable String name = org.bouncycastle.asn1.x9.ECNamedCurveTable.getName(oid);
    return name != null ? name : oid.getId();
  }

  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  /** The DER SubjectPublicKeyInfo (named curve, uncompressed point). */
  public byte[] spki() {
    return spki.clone();
  }

  /** Hex SHA-256 of {@link #spki()}: the key id used in repository metadata. */
  public String keyId() {
    return keyId;
  }

  /** PEM {@code PUBLIC KEY} block with a final newline. */
  public String toPem() {
    return Pem.encode("PUBLIC KEY", spki);
  }

  /**
   * Hex SHA-256 of {@link #toPem()}: the {@code publicKey.hint} that OMS {@code key} bundles carry
   * (the reference implementation hashes the PEM encoding, not the DER).
   */
  public String omsHint() {
    return Sha.sha256Hex(Pem.encodeUtf8("PUBLIC KEY", spki));
  }

  /**
   * Whether {@code signature} is a valid signature of {@code message} by this key. Malformed
   * signatures are simply invalid.
   */
  public boolean verify(byte[] message, byte[] signature) {
    if (key instanceof Ed25519PublicKeyParameters ed) {
      return Ec.verifyEd25519(ed, message, signature);
    }
    return Ec.verifyEcdsa((ECPublicKeyParameters) key, message, signature);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof VerificationKey other && Arrays.equals(spki, other.spki);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(spki);
  }

  @Override
  public String toString() {
    return algorithm.id() + " key " + keyId;
  }
}
