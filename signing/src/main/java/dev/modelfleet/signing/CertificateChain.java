package dev.modelfleet.signing;

import dev.modelfleet.signing.VerificationException.Failure;
import dev.modelfleet.signing.internal.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcEdDSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcRSAContentVerifierProviderBuilder;
import org.jspecify.annotations.Nullable;

/**
 * An X.509 certificate chain, leaf first, as OMS {@code certificate} bundles carry it. {@link
 * #validate} checks the path to a trusted root with Bouncy Castle's lightweight API.
 */
public final class CertificateChain {
  static final int MAX_LENGTH = 10;

  private static final Set<ASN1ObjectIdentifier> SIGNATURE_ALGORITHMS =
      Set.of(
          X9ObjectIdentifiers.ecdsa_with_SHA256,
          X9ObjectIdentifiers.ecdsa_with_SHA384,
          X9ObjectIdentifiers.ecdsa_with_SHA512,
          PKCSObjectIdentifiers.sha256WithRSAEncryption,
          PKCSObjectIdentifiers.sha384WithRSAEncryption,
          PKCSObjectIdentifiers.sha512WithRSAEncryption,
          EdECObjectIdentifiers.id_Ed25519);

  /** Extensions we understand; a critical extension outside this set fails validation. */
  private static final Set<ASN1ObjectIdentifier> KNOWN_CRITICAL =
      Set.of(
          Extension.basicConstraints,
          Extension.keyUsage,
          Extension.extendedKeyUsage,
          Extension.subjectAlternativeName);

  private final List<X509CertificateHolder> certificates;

  private CertificateChain(List<X509CertificateHolder> certificates) {
    this.certificates = List.copyOf(certificates);
  }

  /**
   * Every {@code CERTIFICATE} block of {@code pem}, leaf first.
   *
   * @throws KeyFormatException if there is none, too many, or one is malformed
   */
  public static CertificateChain fromPem(String pem) throws KeyFormatException {
    List<byte[]> ders = new ArrayList<>();
    try {
      for (Pem.Block b : Pem.parse(pem)) {
        if (b.label().equals("CERTIFICATE")) {
          ders.add(b.der());
        }
      }
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException("malformed PEM: " + e.getMessage(), e);
    }
    return fromDer(ders);
  }

  /**
   * DER certificates, leaf first.
   *
   * @throws KeyFormatException if there is none, more than 10, or one is malformed
   */
  public static CertificateChain fromDer(List<byte[]> ders) throws KeyFormatException {
    if (ders.isEmpty()) {
      throw new KeyFormatException("no certificate given");
    }
    if (ders.size() > MAX_LENGTH) {
      throw new KeyFormatException("certificate chain longer than " + MAX_LENGTH);
    }
    List<X509CertificateHolder> out = new ArrayList<>();
    for (byte[] der : ders) {
      out.add(parse(der));
    }
    return new CertificateChain(out);
  }

  static X509CertificateHolder parse(byte[] der) throws KeyFormatException {
    try {
      X509CertificateHolder h = new X509CertificateHolder(der);
      if (!Arrays.equals(h.getEncoded(), der)) {
        throw new KeyFormatException("certificate is not in DER form");
      }
      return h;
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException("malformed X.509 certificate", e);
    }
  }

  /** The DER certificates, leaf first. */
  public List<byte[]> encoded() {
    List<byte[]> out = new ArrayList<>();
    for (X509CertificateHolder h : certificates) {
      try {
        out.add(h.getEncoded());
      } catch (IOException e) {
        throw new IllegalStateException("cannot re-encode a parsed certificate", e);
      }
    }
    return out;
  }

  /** The leaf certificate's subject, e.g. {@code CN=publisher}. */
  public String leafSubject() {
    return certificates.get(0).getSubject().toString();
  }

  /**
   * The leaf certificate's public key.
   *
   * @throws KeyFormatException if it is not an ECDSA P-256/P-384 or Ed25519 key
   */
  public VerificationKey leafKey() throws KeyFormatException {
    try {
      return VerificationKey.fromSpki(certificates.get(0).getSubjectPublicKeyInfo().getEncoded());
    } catch (IOException e) {
      throw new KeyFormatException("cannot encode the leaf public key", e);
    }
  }

  /**
   * Checks that the chain leads from its leaf to one of {@code roots}: each certificate is signed
   * by the next (or by a root) with an accepted algorithm and key size, every certificate on the
   * path is valid at {@code at}, issuers are CAs allowed to sign certificates within their path
   * length, no critical extension is unknown, and the leaf may sign code (extended key usage {@code
   * codeSigning}, and {@code digitalSignature} if it states a key usage).
   *
   * @return the leaf's public key
   * @throws VerificationException with {@link Failure#CHAIN_INVALID}, {@link
   *     Failure#CERTIFICATE_EXPIRED} or {@link Failure#CERTIFICATE_USAGE}
   */
  public VerificationKey validate(TrustedCertificates roots, Instant at)
      throws VerificationException {
    List<X509CertificateHolder> path = new ArrayList<>();
    X509CertificateHolder current = certificates.get(0);
    path.add(current);
    int next = 1;
    while (true) {
      if (isAnchor(current, roots)) {
        break;
      }
      @Nullable X509CertificateHolder anchor = issuingAnchor(current, roots);
      if (anchor != null) {
        path.add(anchor);
        break;
      }
      if (next >= certificates.size()) {
        throw new VerificationException(
            Failure.CHAIN_INVALID,
            "certificate chain invalid: \""
                + current.getSubject()
                + "\" is not issued by a trusted root");
      }
      X509CertificateHolder issuer = certificates.get(next++);
      if (!issuer.getSubject().equals(current.getIssuer()) || !signedBy(current, issuer)) {
        throw new VerificationException(
            Failure.CHAIN_INVALID,
            "certificate chain invalid: \""
                + current.getSubject()
                + "\" is not signed by the next certificate \""
                + issuer.getSubject()
                + "\"");
      }
      path.add(issuer);
      current = issuer;
    }
    Date when = Date.from(at);
    for (X509CertificateHolder c : path) {
      if (!c.isValidOn(when)) {
        throw new VerificationException(
            Failure.CERTIFICATE_EXPIRED,
            "certificate \""
                + c.getSubject()
                + "\" is not valid at "
                + at
                + " (valid "
                + c.getNotBefore().toInstant()
                + " to "
                + c.getNotAfter().toInstant()
                + ")");
      }
      rejectUnknownCriticalExtensions(c);
    }
    for (int i = 1; i < path.size(); i++) {
      checkIssuer(path.get(i), i - 1);
    }
    checkLeafUsage(path.get(0));
    try {
      return leafKey();
    } catch (KeyFormatException e) {
      throw new VerificationException(
          Failure.UNSUPPORTED, "signing certificate key: " + e.getMessage(), e);
    }
  }

  private static boolean isAnchor(X509CertificateHolder c, TrustedCertificates roots) {
    for (X509CertificateHolder a : roots.anchors()) {
      if (a.equals(c)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable X509CertificateHolder issuingAnchor(
      X509CertificateHolder c, TrustedCertificates roots) throws VerificationException {
    for (X509CertificateHolder a : roots.anchors()) {
      if (a.getSubject().equals(c.getIssuer()) && signedBy(c, a)) {
        return a;
      }
    }
    return null;
  }

  private static boolean signedBy(X509CertificateHolder subject, X509CertificateHolder issuer)
      throws VerificationException {
    ASN1ObjectIdentifier sigAlg = subject.getSignatureAlgorithm().getAlgorithm();
    if (!SIGNATURE_ALGORITHMS.contains(sigAlg)) {
      throw new VerificationException(
          Failure.CHAIN_INVALID,
          "certificate chain invalid: \""
              + subject.getSubject()
              + "\" uses a weak or unsupported signature algorithm "
              + sigAlg);
    }
    try {
      return subject.isSignatureValid(verifierFor(issuer));
    } catch (CertException | RuntimeException e) {
      return false;
    }
  }

  private static ContentVerifierProvider verifierFor(X509CertificateHolder issuer)
      throws VerificationException {
    AsymmetricKeyParameter key;
    try {
      key = PublicKeyFactory.createKey(issuer.getSubjectPublicKeyInfo());
    } catch (IOException | RuntimeException e) {
      throw new VerificationException(
          Failure.CHAIN_INVALID,
          "certificate chain invalid: unreadable key in \"" + issuer.getSubject() + "\"",
          e);
    }
    try {
      if (key instanceof RSAKeyParameters rsa) {
        if (rsa.getModulus().bitLength() < 2048) {
          throw weak(issuer, "RSA-" + rsa.getModulus().bitLength());
        }
        return new BcRSAContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder())
            .build(key);
      } else if (key instanceof ECPublicKeyParameters ec) {
        if (!(ec.getParameters() instanceof ECNamedDomainParameters named)
            || !(SECObjectIdentifiers.secp256r1.equals(named.getName())
                || SECObjectIdentifiers.secp384r1.equals(named.getName())
                || SECObjectIdentifiers.secp521r1.equals(named.getName()))) {
          throw weak(issuer, "an EC curve other than P-256, P-384 or P-521");
        }
        return new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder())
            .build(key);
      } else if (key instanceof org.bouncycastle.crypto.params.Ed25519PublicKeyParameters) {
        return new BcEdDSAContentVerifierProviderBuilder().build(key);
      }
    } catch (OperatorCreationException e) {
      throw new VerificationException(
          Failure.CHAIN_INVALID, "certificate chain invalid: " + e.getMessage(), e);
    }
    throw weak(issuer, "an unsupported key type");
  }

  private static VerificationException weak(X509CertificateHolder c, String what) {
    return new VerificationException(
        Failure.CHAIN_INVALID,
        "certificate chain invalid: \"" + c.getSubject() + "\" has a weak key (" + what + ")");
  }

  private static void rejectUnknownCriticalExtensions(X509CertificateHolder c)
      throws VerificationException {
    Extensions ext = c.getExtensions();
    if (ext == null) {
      return;
    }
    for (ASN1ObjectIdentifier oid : ext.getCriticalExtensionOIDs()) {
      if (!KNOWN_CRITICAL.contains(oid)) {
        throw new VerificationException(
            Failure.CHAIN_INVALID,
            "certificate \"" + c.getSubject() + "\" has an unsupported critical extension " + oid);
      }
    }
  }

  /** {@code below} = number of non-self-issued intermediates between this CA and the leaf. */
  private static void checkIssuer(X509CertificateHolder ca, int below)
      throws VerificationException {
    Extensions ext = ca.getExtensions();
    BasicConstraints bc = ext == null ? null : BasicConstraints.fromExtensions(ext);
    if (bc == null || !bc.isCA()) {
      throw new VerificationException(
          Failure.CHAIN_INVALID,
          "certificate chain invalid: issuer \"" + ca.getSubject() + "\" is not a CA");
    }
    BigInteger pathLen = bc.getPathLenConstraint();
    if (pathLen != null && BigInteger.valueOf(below).compareTo(pathLen) > 0) {
      throw new VerificationException(
          Failure.CHAIN_INVALID,
          "certificate chain invalid: path length constraint of \"" + ca.getSubject() + "\"");
    }
    KeyUsage ku = ext == null ? null : KeyUsage.fromExtensions(ext);
    if (ku != null && !ku.hasUsages(KeyUsage.keyCertSign)) {
      throw new VerificationException(
          Failure.CHAIN_INVALID,
          "certificate chain invalid: issuer \""
              + ca.getSubject()
              + "\" may not sign certificates");
    }
  }

  private static void checkLeafUsage(X509CertificateHolder leaf) throws VerificationException {
    Extensions ext = leaf.getExtensions();
    KeyUsage ku = ext == null ? null : KeyUsage.fromExtensions(ext);
    if (ku != null && !ku.hasUsages(KeyUsage.digitalSignature)) {
      throw new VerificationException(
          Failure.CERTIFICATE_USAGE,
          "signing certificate \"" + leaf.getSubject() + "\" lacks the digitalSignature key usage");
    }
    ExtendedKeyUsage eku = ext == null ? null : ExtendedKeyUsage.fromExtensions(ext);
    if (eku == null || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_codeSigning)) {
      throw new VerificationException(
          Failure.CERTIFICATE_USAGE,
          "signing certificate \""
              + leaf.getSubject()
              + "\" lacks the codeSigning extended key usage");
    }
  }

  public int length() {
    return certificates.size();
  }
}
