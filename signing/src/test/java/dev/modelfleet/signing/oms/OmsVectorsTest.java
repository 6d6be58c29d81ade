package dev.modelfleet.signing.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfleet.signing.Fixtures;
import dev.modelfleet.signing.TrustedCertificates;
import dev.modelfleet.signing.VerificationException;
import dev.modelfleet.signing.VerificationException.Failure;
import dev.modelfleet.signing.VerificationKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published OMS v1.0 test vectors: every valid one verifies, every invalid one is refused. */
class OmsVectorsTest {
  @TempDir Path tmp;

  static VerificationKey fixtureKey() throws Exception {
    return VerificationKey.fromPem(Fixtures.text(Fixtures.oms("keys/signing-key-pub.pem")));
  }

  static TrustedCertificates fixtureRoot() throws Exception {
    return TrustedCertificates.fromPem(Fixtures.text(Fixtures.oms("keys/ca-cert.pem")));
  }

  @Test
  void keyVectorVerifiesEndToEndWithTheFixturePublicKey() throws Exception {
    OmsBundle bundle = OmsBundle.parse(Fixtures.vector("valid/key.bundle.json"));
    Path model = Fixtures.keyVectorModel(tmp.resolve("model"));

    VerifiedModel v =
        ModelVerifier.forKeys(List.of(fixtureKey()))
            .clock(Fixtures.CLOCK)
            .build()
            .verify(model, bundle, null);

    assertThat(v.method()).isEqualTo(SigningMethod.KEY);
    assertThat(v.resources()).extracting(Resource::name).containsExactly("signme-1", "signme-2");
    assertThat(v.subjectDigest())
        .isEqualTo("92745110b1ab4368471cbe31664e10174e954b113a3df333db860317b2c6dec4");
  }

  @Test
  void keyHintIsTheSha256OfThePemBlockAlone() throws Exception {
    assertThat(fixtureKey().omsHint())
        .isEqualTo("e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e");
  }

  @Test
  void certificateVectorVerifiesEndToEndWithTheFixtureRoot() throws Exception {
    OmsBundle bundle = OmsBundle.parse(Fixtures.vector("valid/certificate.bundle.json"));
    Path model = Fixtures.keyVectorModel(tmp.resolve("model"));

    VerifiedModel v =
        ModelVerifier.forCertificates(fixtureRoot())
            .clock(Fixtures.CLOCK)
            .build()
            .verify(model, bundle, null);

    assertThat(v.method()).isEqualTo(SigningMethod.CERTIFICATE);
    assertThat(v.signer()).isEqualTo("CN=intermediate-ca");
  }

  @Test
  void sigstoreVectorVerifiesOfflineAgainstTheFulcioRoots() throws Exception {
    OmsBundle bundle = OmsBundle.parse(Fixtures.vector("valid/sigstore.bundle.json"));
    Path model = Fixtures.sigstoreVectorModel(tmp.resolve("model"));
    TrustedCertificates fulcio =
        TrustedCertificates.fromPem(Fixtures.resource("/sigstore/fulcio-roots.pem"));

    VerifiedModel v = ModelVerifier.forSigstore(fulcio).build().verify(model, bundle, null);

    assertThat(v.method()).isEqualTo(SigningMethod.SIGSTORE);
    assertThat(v.resources()).hasSize(2);
  }

  static VerificationKey rekorKey() throws Exception {
    return VerificationKey.fromPem(Fixtures.resource("/sigstore/rekor.pub.pem"));
  }

  static TrustedCertificates fulcio() throws Exception {
    return TrustedCertificates.fromPem(Fixtures.resource("/sigstore/fulcio-roots.pem"));
  }

  @Test
  void sigstoreVectorsSignedEntryTimestampVerifiesWithTheRekorKey() throws Exception {
    OmsBundle bundle = OmsBundle.parse(Fixtures.vector("valid/sigstore.bundle.json"));
    VerifiedModel v =
        ModelVerifier.forSigstore(fulcio())
            .rekorKeys(List.of(rekorKey()))
            .build()
            .verifySignature(bundle);
    assertThat(v.method()).isEqualTo(SigningMethod.SIGSTORE);
  }

  @Test
  void sigstoreEntryWithAnAlteredIntegratedTimeFailsTheSignedEntryTimestamp() throws Exception {
    String json =
        new String(
                Fixtures.vector("valid/sigstore.bundle.json"),
                java.nio.charset.StandardCharsets.UTF_8)
            .replace("\"integratedTime\": \"1760062340\"", "\"integratedTime\": \"1760062400\"");
    OmsBundle bundle = OmsBundle.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertFailure(
        () ->
            ModelVerifier.forSigstore(fulcio())
                .rekorKeys(List.of(rekorKey()))
                .build()
                .verifySignature(bundle),
        Failure.BAD_SIGNATURE,
        "signed entry timestamp");
  }

  @Test
  void sigstoreEntryFromAnUntrustedLogIsRejected() throws Exception {
    OmsBundle bundle = OmsBundle.parse(Fixtures.vector("valid/sigstore.bundle.json"));
    assertFailure(
        () ->
            ModelVerifier.forSigstore(fulcio())
                .rekorKeys(List.of(fixtureKey()))
                .build()
                .verifySignature(bundle),
        Failure.UNKNOWN_KEY,
        "not one of the trusted Rekor logs");
  }

  @Test
  void sigstoreVectorIsRefusedByAnUnrelatedRoot() throws Exception {
    OmsBundle bundle = OmsBundle.parse(Fixtures.vector("valid/sigstore.bundle.json"));

    assertThatThrownBy(
            () -> ModelVerifier.forSigstore(fixtureRoot()).build().verifySignature(bundle))
        .isInstanceOf(VerificationException.class)
        .extracting(e -> ((VerificationException) e).failure())
        .isEqualTo(Failure.CHAIN_INVALID);
  }

  @Test
  void emptyBundleIsRejectedAsMalformed() {
    assertFailure(
        () -> OmsBundle.parse(Fixtures.vector("invalid/empty.bundle.json")),
        Failure.MALFORMED,
        "not valid JSON");
  }

  @Test
  void bundleWithoutEnvelopeIsRejected() {
    assertFailure(
        () -> OmsBundle.parse(Fixtures.vector("invalid/missing-envelope.bundle.json")),
        Failure.MALFORMED,
        "no dsseEnvelope");
  }

  @Test
  void bundleWithoutVerificationMaterialIsRejected() {
    assertFailure(
        () -> OmsBundle.parse(Fixtures.vector("invalid/missing-verification-material.bundle.json")),
        Failure.MALFORMED,
        "no verificationMaterial");
  }

  @Test
  void sigstoreBundleWithoutTransparencyLogEntriesIsRejected() {
    assertFailure(
        () -> OmsBundle.parse(Fixtures.vector("invalid/missing-tlog-entries.bundle.json")),
        Failure.MALFORMED,
        "no transparency log entries");
  }

  @Test
  void wrongPredicateTypeIsRejectedAsUnsupported() throws Exception {
    OmsBundle bundle =
        OmsBundle.parse(Fixtures.vector("invalid-payload/wrong-predicate.bundle.json"));
    assertFailure(
        () -> ModelVerifier.forKeys(List.of(fixtureKey())).build().verifySignature(bundle),
        Failure.UNSUPPORTED,
        "wrong predicate type");
  }

  @Test
  void tamperedFileInTheFixtureModelIsADigestMismatch() throws Exception {
    OmsBundle bundle = OmsBundle.parse(Fixtures.vector("valid/key.bundle.json"));
    Path model = Fixtures.keyVectorModel(tmp.resolve("model"));
    Files.writeString(model.resolve("signme-2"), "signme-X");

    assertFailure(
        () -> ModelVerifier.forKeys(List.of(fixtureKey())).build().verify(model, bundle, null),
        Failure.DIGEST_MISMATCH,
        "digest mismatch for file signme-2");
  }

  interface Call {
    Object run() throws Exception;
  }

  static void assertFailure(Call call, Failure failure, String messagePart) {
    assertThatThrownBy(call::run)
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining(messagePart)
        .satisfies(e -> assertThat(((VerificationException) e).failure()).isEqualTo(failure));
  }
}
