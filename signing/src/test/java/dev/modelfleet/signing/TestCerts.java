package dev.modelfleet.signing;

import dev.modelfleet.signing.internal.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.operator.bc.BcRSAContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/** Builds X.509 certificates for tests with Bouncy Castle's lightweight API. */
public final class TestCerts {
  public static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
  public static final Instant NOT_AFTER = Instant.parse("2027-01-01T00:00:00Z");

  private TestCerts() {}

  /** A key that can issue certificates: an ECDSA SigningKey or an RSA key pair. */
  public record Issuer(
      String name, AsymmetricKeyParameter privateKey, SubjectPublicKeyInfo publicKey) {}

  public static Issuer issuer(String name, SigningKey key) {
    try {
      AsymmetricKeyParameter priv =
          PrivateKeyFactory.createKey(
              PrivateKeyInfoFactory.createPrivateKeyInfo(
                  PrivateKeyFactory.createKey(Pem.parse(key.toPem()).get(0).der())));
      return new Issuer(name, priv, SubjectPublicKeyInfo.getInstance(key.verificationKey().spki()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Issuer rsaIssuer(String name, int bits, long seed) {
    RSAKeyPairGenerator g = new RSAKeyPairGenerator();
    g.init(
        new RSAKeyGenerationParameters(
            BigInteger.valueOf(65537), new SeededRandom(seed), bits, 80));
    AsymmetricCipherKeyPair pair = g.generateKeyPair();
    try {
      return new Issuer(
          name,
          pair.getPrivate(),
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Options for one certificate. */
  public record Spec(
      Instant notBefore,
      Instant notAfter,
      boolean isCa,
      @Nullable Integer pathLen,
      @Nullable Integer keyUsage,
      @Nullable KeyPurposeId eku,
      @Nullable ASN1ObjectIdentifier unknownCritical) {
    public static Spec authority() {
      return new Spec(
          NOT_BEFORE, NOT_AFTER, true, null, KeyUsage.keyCertSign | KeyUsage.cRLSign, null, null);
    }

    public static Spec codeSigning() {
      return new Spec(
          NOT_BEFORE,
          NOT_AFTER,
          false,
          null,
          KeyUsage.digitalSignature,
          KeyPurposeId.id_kp_codeSigning,
          null);
    }

    public Spec validity(Instant from, Instant to) {
      return new Spec(from, to, isCa, pathLen, keyUsage, eku, unknownCritical);
    }

    public Spec eku(@Nullable KeyPurposeId e) {
      return new Spec(notBefore, notAfter, isCa, pathLen, keyUsage, e, unknownCritical);
    }

    public Spec keyUsage(@Nullable Integer ku) {
      return new Spec(notBefore, notAfter, isCa, pathLen, ku, eku, unknownCritical);
    }

    public Spec pathLen(@Nullable Integer p) {
      return new Spec(notBefore, notAfter, isCa, p, keyUsage, eku, unknownCritical);
    }

    public Spec notCa() {
      return new Spec(notBefore, notAfter, false, pathLen, keyUsage, eku, unknownCritical);
    }

    public Spec unknownCritical(ASN1ObjectIdentifier oid) {
      return new Spec(notBefore, notAfter, isCa, pathLen, keyUsage, eku, oid);
    }
  }

  /** A certificate for {@code subjectName}/{@code subjectKey} issued by {@code issuer}. */
  public static byte[] issue(
      String subjectName, SubjectPublicKeyInfo subjectKey, Issuer issuer, Spec spec) {
    try {
      X509v3CertificateBuilder b =
          new X509v3CertificateBuilder(
              new X500Name("CN=" + issuer.name()),
              serial(subjectName, subjectKey, issuer, spec),
              Date.from(spec.notBefore()),
              Date.from(spec.notAfter()),
              new X500Name("CN=" + subjectName),
              subjectKey);
      if (spec.isCa()) {
        b.addExtension(
            Extension.basicConstraints,
            true,
            spec.pathLen() == null
                ? new BasicConstraints(true)
                : new BasicConstraints(spec.pathLen()));
      } else {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      }
      if (spec.keyUsage() != null) {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage()));
      }
      if (spec.eku() != null) {
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(spec.eku()));
      }
      if (spec.unknownCritical() != null) {
        b.addExtension(spec.unknownCritical(), true, new DERUTF8String("x"));
      }
      return b.build(signer(issuer)).getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deterministic, distinct per subject, key, issuer and options (no mutable counter). */
  private static BigInteger serial(
      String subjectName, SubjectPublicKeyInfo subjectKey, Issuer issuer, Spec spec)
      throws IOException {
    byte[] h =
        dev.modelfleet.signing.internal.Sha.sha256(
            (subjectName + "|" + issuer.name() + "|" + spec + "|")
                .concat(java.util.Base64.getEncoder().encodeToString(subjectKey.getEncoded()))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return new BigInteger(1, java.util.Arrays.copyOf(h, 16));
  }

  public static byte[] issue(String subjectName, SigningKey subject, Issuer issuer, Spec spec) {
    return issue(
        subjectName,
        SubjectPublicKeyInfo.getInstance(subject.verificationKey().spki()),
        issuer,
        spec);
  }

  public static byte[] selfSigned(Issuer issuer, Spec spec) {
    return issue(issuer.name(), issuer.publicKey(), issuer, spec);
  }

  private static ContentSigner signer(Issuer issuer) throws Exception {
    boolean rsa = issuer.privateKey() instanceof org.bouncycastle.crypto.params.RSAKeyParameters;
    AlgorithmIdentifier sigAlg =
        new DefaultSignatureAlgorithmIdentifierFinder()
            .find(rsa ? "SHA256withRSA" : "SHA256withECDSA");
    AlgorithmIdentifier digAlg = new DefaultDigestAlgorithmIdentifierFinder().find(sigAlg);
    return rsa
        ? new BcRSAContentSignerBuilder(sigAlg, digAlg).build(issuer.privateKey())
        : new BcECContentSignerBuilder(sigAlg, digAlg).build(issuer.privateKey());
  }

  public static String pem(byte[]... ders) {
    StringBuilder sb = new StringBuilder();
    for (byte[] d : ders) {
      sb.append(Pem.encode("CERTIFICATE", d));
    }
    return sb.toString();
  }

  public static X509CertificateHolder holder(byte[] der) throws IOException {
    return new X509CertificateHolder(der);
  }

  static SecureRandom random() {
    return new SeededRandom(1);
  }
}
