package dev.modelfleet.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfleet.signing.TestCerts.Issuer;
import dev.modelfleet.signing.TestCerts.Spec;
import dev.modelfleet.signing.VerificationException.Failure;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

class CertificateChainTest {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  final SigningKey rootKey = SeededRandom.key(KeyAlgorithm.ECDSA_P384, 1);
  final SigningKey intKey = SeededRandom.key(KeyAlgorithm.ECDSA_P256, 2);
  final SigningKey leafKey = SeededRandom.key(KeyAlgorithm.ECDSA_P256, 3);
  final Issuer root = TestCerts.issuer("root", rootKey);
  final Issuer intermediate = TestCerts.issuer("intermediate", intKey);
  final byte[] rootCert = TestCerts.selfSigned(root, Spec.authority());
  final byte[] intCert = TestCerts.issue("intermediate", intKey, root, Spec.authority().pathLen(0));

  TrustedCertificates roots() throws KeyFormatException {
    return TrustedCertificates.fromDer(List.of(rootCert));
  }

  VerificationKey validate(Spec leafSpec) throws Exception {
    byte[] leaf = TestCerts.issue("publisher", leafKey, intermediate, leafSpec);
    return CertificateChain.fromDer(List.of(leaf, intCert)).validate(roots(), NOW);
  }

  static void assertFailure(TrustedMetadataCall call, Failure failure, String text) {
    assertThatThrownBy(call::run)
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining(text)
        .satisfies(e -> assertThat(((VerificationException) e).failure()).isEqualTo(failure));
  }

  interface TrustedMetadataCall {
    Object run() throws Exception;
  }

  @Test
  void chainToATrustedRootYieldsTheLeafKey() throws Exception {
    assertThat(validate(Spec.codeSigning())).isEqualTo(leafKey.verificationKey());
  }

  @Test
  void fixtureCertificateChainValidatesToTheFixtureRoot() throws Exception {
    CertificateChain chain =
        CertificateChain.fromPem(
            Fixtures.text(Fixtures.oms("keys/signing-key-cert.pem"))
                + Fixtures.text(Fixtures.oms("keys/int-ca-cert.pem")));
    TrustedCertificates root =
        TrustedCertificates.fromPem(Fixtures.text(Fixtures.oms("keys/ca-cert.pem")));
    assertThat(chain.validate(root, NOW))
        .isEqualTo(
            VerificationKey.fromPem(Fixtures.text(Fixtures.oms("keys/signing-key-pub.pem"))));
  }

  @Test
  void expiredLeafIsRejected() {
    assertFailure(
        () ->
            validate(
                Spec.codeSigning()
                    .validity(
                        Instant.parse("2025-01-01T00:00:00Z"),
                        Instant.parse("2026-01-01T00:00:00Z"))),
        Failure.CERTIFICATE_EXPIRED,
        "is not valid at");
  }

  @Test
  void notYetValidLeafIsRejected() {
    assertFailure(
        () ->
            validate(
                Spec.codeSigning()
                    .validity(
                        Instant.parse("2026-07-01T00:00:00Z"),
                        Instant.parse("2027-01-01T00:00:00Z"))),
        Failure.CERTIFICATE_EXPIRED,
        "is not valid at");
  }

  @Test
  void leafWithoutCodeSigningUsageIsRejected() {
    assertFailure(
        () -> validate(Spec.codeSigning().eku(KeyPurposeId.id_kp_serverAuth)),
        Failure.CERTIFICATE_USAGE,
        "codeSigning");
    assertFailure(
        () -> validate(Spec.codeSigning().eku(null)), Failure.CERTIFICATE_USAGE, "codeSigning");
  }

  @Test
  void leafWhoseKeyUsageExcludesSignaturesIsRejected() {
    assertFailure(
        () -> validate(Spec.codeSigning().keyUsage(KeyUsage.keyEncipherment)),
        Failure.CERTIFICATE_USAGE,
        "digitalSignature");
  }

  @Test
  void chainToAnUntrustedRootIsRejected() throws Exception {
    Issuer other = TestCerts.issuer("root", SeededRandom.key(KeyAlgorithm.ECDSA_P256, 9));
    byte[] leaf = TestCerts.issue("publisher", leafKey, intermediate, Spec.codeSigning());
    TrustedCertificates otherRoot =
        TrustedCertificates.fromDer(List.of(TestCerts.selfSigned(other, Spec.authority())));
    assertFailure(
        () -> CertificateChain.fromDer(List.of(leaf, intCert)).validate(otherRoot, NOW),
        Failure.CHAIN_INVALID,
        "not issued by a trusted root");
  }

  @Test
  void leafSignedByAKeyOtherThanItsIssuerIsRejected() throws Exception {
    Issuer impostor =
        TestCerts.issuer("intermediate", SeededRandom.key(KeyAlgorithm.ECDSA_P256, 10));
    byte[] leaf = TestCerts.issue("publisher", leafKey, impostor, Spec.codeSigning());
    assertFailure(
        () -> CertificateChain.fromDer(List.of(leaf, intCert)).validate(roots(), NOW),
        Failure.CHAIN_INVALID,
        "is not signed by the next certificate");
  }

  @Test
  void intermediateThatIsNotACaIsRejected() throws Exception {
    byte[] notCa = TestCerts.issue("intermediate", intKey, root, Spec.authority().notCa());
    byte[] leaf = TestCerts.issue("publisher", leafKey, intermediate, Spec.codeSigning());
    assertFailure(
        () -> CertificateChain.fromDer(List.of(leaf, notCa)).validate(roots(), NOW),
        Failure.CHAIN_INVALID,
        "is not a CA");
  }

  @Test
  void pathLengthConstraintIsEnforced() throws Exception {
    SigningKey subKey = SeededRandom.key(KeyAlgorithm.ECDSA_P256, 11);
    Issuer sub = TestCerts.issuer("sub", subKey);
    byte[] subCert = TestCerts.issue("sub", subKey, intermediate, Spec.authority());
    byte[] leaf = TestCerts.issue("publisher", leafKey, sub, Spec.codeSigning());
    assertFailure(
        () -> CertificateChain.fromDer(List.of(leaf, subCert, intCert)).validate(roots(), NOW),
        Failure.CHAIN_INVALID,
        "path length");
  }

  @Test
  void weakRsaCaKeyIsRejected() throws Exception {
    Issuer weak = TestCerts.rsaIssuer("weak-root", 1024, 5);
    byte[] weakRoot = TestCerts.selfSigned(weak, Spec.authority());
    byte[] leaf = TestCerts.issue("publisher", leafKey, weak, Spec.codeSigning());
    assertFailure(
        () ->
            CertificateChain.fromDer(List.of(leaf))
                .validate(TrustedCertificates.fromDer(List.of(weakRoot)), NOW),
        Failure.CHAIN_INVALID,
        "weak key (RSA-1024)");
  }

  @Test
  void unknownCriticalExtensionIsRejected() {
    assertFailure(
        () ->
            validate(
                Spec.codeSigning()
                    .unknownCritical(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"))),
        Failure.CHAIN_INVALID,
        "unsupported critical extension");
  }

  @Test
  void malformedCertificateIsRejected() {
    assertThatThrownBy(() -> CertificateChain.fromDer(List.of(new byte[] {0x30, 0x01, 0x00})))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("malformed X.509 certificate");
    assertThatThrownBy(() -> CertificateChain.fromPem("no certificates here"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("no certificate");
  }
}
