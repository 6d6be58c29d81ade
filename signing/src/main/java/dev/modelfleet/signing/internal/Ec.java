package dev.modelfleet.signing.internal;

import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** ECDSA and Ed25519 with Bouncy Castle's lightweight API. */
public final class Ec {
  private Ec() {}

  public static ECNamedDomainParameters domain(ASN1ObjectIdentifier curve) {
    X9ECParameters x9 = ECNamedCurveTable.getByOID(curve);
    if (x9 == null) {
      throw new IllegalArgumentException("unknown curve " + curve);
    }
    return new ECNamedDomainParameters(curve, x9);
  }

  public static ECNamedDomainParameters p256() {
    return domain(SECObjectIdentifiers.secp256r1);
  }

  public static ECNamedDomainParameters p384() {
    return domain(SECObjectIdentifiers.secp384r1);
  }

  /** SHA-256 for P-256, SHA-384 for P-384, SHA-512 for P-521 (as Sigstore and OMS do). */
  public static Digest digestFor(ECNamedDomainParameters domain) {
    int bits = domain.getN().bitLength();
    if (bits <= 256) {
      return new SHA256Digest();
    } else if (bits <= 384) {
      return new SHA384Digest();
    }
    return new SHA512Digest();
  }

  /** DER-encoded ECDSA signature with a deterministic nonce (RFC 6979). */
  public static byte[] signEcdsa(ECPrivateKeyParameters key, byte[] message) {
    ECNamedDomainParameters domain = (ECNamedDomainParameters) key.getParameters();
    Digest nonceDigest = digestFor(domain);
    DSADigestSigner signer =
        new DSADigestSigner(
            new ECDSASigner(new HMacDSAKCalculator(nonceDigest)),
            digestFor(domain),
            StandardDSAEncoding.INSTANCE);
    signer.init(true, key);
    signer.update(message, 0, message.length);
    try {
      return signer.generateSignature();
    } catch (RuntimeException e) {
      throw new IllegalStateException("ECDSA signing failed", e);
    }
  }

  /** Verifies a DER-encoded ECDSA signature; non-canonical DER does not verify. */
  public static boolean verifyEcdsa(ECPublicKeyParameters key, byte[] message, byte[] signature) {
    ECNamedDomainParameters domain = (ECNamedDomainParameters) key.getParameters();
    DSADigestSigner verifier =
        new DSADigestSigner(new ECDSASigner(), digestFor(domain), StandardDSAEncoding.INSTANCE);
    verifier.init(false, key);
    verifier.update(message, 0, message.length);
    try {
      return verifier.verifySignature(signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  public static byte[] signEd25519(Ed25519PrivateKeyParameters key, byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    try {
      return signer.generateSignature();
    } catch (RuntimeException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  public static boolean verifyEd25519(
      Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {
    if (signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, key);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  /** The public half of a private key. */
  public static AsymmetricKeyParameter publicOf(AsymmetricKeyParameter priv) {
    if (priv instanceof ECPrivateKeyParameters ec) {
      BigInteger d = ec.getD();
      return new ECPublicKeyParameters(
          new FixedPointCombMultiplier().multiply(ec.getParameters().getG(), d).normalize(),
          ec.getParameters());
    } else if (priv instanceof Ed25519PrivateKeyParameters ed) {
      return ed.generatePublicKey();
    }
    throw new IllegalArgumentException(
        "unsupported private key " + priv.getClass().getSimpleName());
  }
}
