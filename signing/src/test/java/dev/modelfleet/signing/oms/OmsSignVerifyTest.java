package dev.modelfleet.signing.oms;

import static dev.modelfleet.signing.oms.OmsVectorsTest.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfleet.signing.CertificateChain;
import dev.modelfleet.signing.KeyAlgorithm;
import dev.modelfleet.signing.SeededRandom;
import dev.modelfleet.signing.Signer;
import dev.modelfleet.signing.SigningException;
import dev.modelfleet.signing.SigningKey;
import dev.modelfleet.signing.TestCerts;
import dev.modelfleet.signing.TrustedCertificates;
import dev.modelfleet.signing.VerificationException.Failure;
import dev.modelfleet.signing.internal.Hex;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonArray;
import dev.modelfleet.signing.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OmsSignVerifyTest {
  @TempDir Path tmp;
  final SigningKey key = SeededRandom.key(KeyAlgorithm.ECDSA_P256, 1);

  Path model() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("model"));
    byte[] weights = new byte[300_000];
    new SplittableRandom(5).nextBytes(weights);
    Files.write(dir.resolve("weights.gguf"), weights);
    Files.createDirectories(dir.resolve("tok"));
    Files.writeString(dir.resolve("tok/vocab.json"), "{}");
    Files.writeString(dir.resolve("empty.txt"), "");
    return dir;
  }

  ModelVerifier verifier() {
    return ModelVerifier.forKeys(List.of(key.verificationKey())).build();
  }

  static String sha256(byte[] data, int from, int to) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(data, from, to - from);
    return Hex.encode(md.digest());
  }

  @Test
  void filesSerializationHasOneSha256PerFileSortedByName() throws Exception {
    Path model = model();
    OmsBundle bundle =
        ModelSigner.builder(Signer.of(key))
            .serialization(Serialization.files())
            .build()
            .sign(model);
    VerifiedModel v = verifier().verify(model, bundle, null);

    byte[] weights = Files.readAllBytes(model.resolve("weights.gguf"));
    assertThat(v.resources())
        .containsExactly(
            new Resource("empty.txt", "sha256", sha256(new byte[0], 0, 0)),
            new Resource(
                "tok/vocab.json", "sha256", sha256("{}".getBytes(StandardCharsets.UTF_8), 0, 2)),
            new Resource("weights.gguf", "sha256", sha256(weights, 0, weights.length)));
    assertThat(v.subjectName()).isEqualTo("model");
  }

  @Test
  void shardsCoverEachFileInFixedRangesAndOmitEmptyFiles() throws Exception {
    Path model = model();
    OmsBundle bundle =
        ModelSigner.builder(Signer.of(key))
            .serialization(Serialization.shards(100_000))
            .parallelism(3)
            .build()
            .sign(model);
    VerifiedModel v = verifier().verify(model, bundle, null);

    byte[] w = Files.readAllBytes(model.resolve("weights.gguf"));
    assertThat(v.resources())
        .containsExactly(
            new Resource(
                "tok/vocab.json:0:2",
                "sha256",
                sha256("{}".getBytes(StandardCharsets.UTF_8), 0, 2)),
            new Resource("weights.gguf:0:100000", "sha256", sha256(w, 0, 100_000)),
            new Resource("weights.gguf:100000:200000", "sha256", sha256(w, 100_000, 200_000)),
            new Resource("weights.gguf:200000:300000", "sha256", sha256(w, 200_000, 300_000)));
    assertThat(v.serialization().shardSize()).isEqualTo(100_000);
  }

  @Test
  void fileThatGrewAfterShardedSigningIsADigestMismatch() throws Exception {
    Path model = model();
    OmsBundle bundle =
        ModelSigner.builder(Signer.of(key))
            .serialization(Serialization.shards(100_000))
            .build()
            .sign(model);
    Files.write(
        model.resolve("weights.gguf"), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
    assertFailure(
        () -> verifier().verify(model, bundle, null), Failure.DIGEST_MISMATCH, "weights.gguf");
  }

  @Test
  void singleFileModelIsNamedByItsBasenameAndVerifiesUnderAnotherName() throws Exception {
    Path file = tmp.resolve("assistant-q4.gguf");
    Files.writeString(file, "tensor data");
    OmsBundle bundle = ModelSigner.builder(Signer.of(key)).build().sign(file);
    Path slot = Files.createDirectories(tmp.resolve("slot-b")).resolve("model.gguf");
    Files.copy(file, slot);

    VerifiedModel v = verifier().verify(slot, bundle, null);
    assertThat(v.resources()).extracting(Resource::name).containsExactly("assistant-q4.gguf:0:11");
    Files.writeString(slot, "tensor dat4");
    assertFailure(
        () -> verifier().verify(slot, bundle, null), Failure.DIGEST_MISMATCH, "assistant-q4.gguf");
  }

  @Test
  void certificateMethodRoundTripsAgainstTheRoot() throws Exception {
    SigningKey caKey = SeededRandom.key(KeyAlgorithm.ECDSA_P384, 2);
    TestCerts.Issuer ca = TestCerts.issuer("publisher-ca", caKey);
    byte[] root = TestCerts.selfSigned(ca, TestCerts.Spec.authority());
    byte[] leaf = TestCerts.issue("acme-models", key, ca, TestCerts.Spec.codeSigning());
    Path model = model();

    OmsBundle bundle =
        ModelSigner.builder(Signer.of(key))
            .certificateChain(CertificateChain.fromDer(List.of(leaf)))
            .build()
            .sign(model);
    VerifiedModel v =
        ModelVerifier.forCertificates(TrustedCertificates.fromDer(List.of(root)))
            .clock(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC))
            .build()
            .verify(model, bundle, null);

    assertThat(v.method()).isEqualTo(SigningMethod.CERTIFICATE);
    assertThat(v.signer()).isEqualTo("CN=acme-models");
    assertFailure(
        () ->
            ModelVerifier.forCertificates(TrustedCertificates.fromDer(List.of(root)))
                .clock(Clock.fixed(Instant.parse("2028-01-01T00:00:00Z"), ZoneOffset.UTC))
                .build()
                .verifySignature(bundle),
        Failure.CERTIFICATE_EXPIRED,
        "not valid at");
  }

  @Test
  void certificateChainForAnotherKeyIsRefusedWhenSigning() {
    SigningKey caKey = SeededRandom.key(KeyAlgorithm.ECDSA_P384, 2);
    TestCerts.Issuer ca = TestCerts.issuer("ca", caKey);
    byte[] leaf = TestCerts.issue("other", caKey, ca, TestCerts.Spec.codeSigning());
    assertThatThrownBy(
            () ->
                ModelSigner.builder(Signer.of(key))
                    .certificateChain(CertificateChain.fromDer(List.of(leaf))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not match the signing key");
  }

  @Test
  void keyBundleVerifiedWithTheWrongMethodIsRefused() throws Exception {
    OmsBundle bundle = ModelSigner.builder(Signer.of(key)).build().sign(model());
    assertFailure(
        () ->
            ModelVerifier.forCertificates(
                    TrustedCertificates.fromDer(
                        List.of(
                            TestCerts.selfSigned(
                                TestCerts.issuer("x", key), TestCerts.Spec.authority()))))
                .build()
                .verifySignature(bundle),
        Failure.UNSUPPORTED,
        "key method");
  }

  @Test
  void emptyModelCannotBeSigned() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git/HEAD"), "ref");
    assertThatThrownBy(() -> ModelSigner.builder(Signer.of(key)).build().sign(dir))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("nothing to sign");
  }

  @Test
  void gitPathsAreIgnoredOnlyAtTheTopLevel() throws Exception {
    Path model = model();
    Files.createDirectories(model.resolve(".git"));
    Files.writeString(model.resolve(".git/config"), "x");
    Files.writeString(model.resolve(".gitattributes"), "*.gguf lfs");
    Files.createDirectories(model.resolve("tok/.git"));
    Files.writeString(model.resolve("tok/.git/config"), "y");
    VerifiedModel v =
        verifier()
            .verify(
                model,
                ModelSigner.builder(Signer.of(key))
                    .serialization(Serialization.files())
                    .build()
                    .sign(model),
                null);
    assertThat(v.resources())
        .extracting(Resource::name)
        .contains("tok/.git/config")
        .doesNotContain(".git/config", ".gitattributes");
    assertThat(v.serialization().ignorePaths())
        .contains(".git", ".gitignore", ".gitattributes", ".github");
  }

  @Test
  void symbolicLinksAreRefusedUnlessAllowed() throws Exception {
    Path model = model();
    Files.createSymbolicLink(model.resolve("link.gguf"), model.resolve("weights.gguf"));
    assertThatThrownBy(() -> ModelSigner.builder(Signer.of(key)).build().sign(model))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("symbolic link link.gguf refused");

    OmsBundle allowed =
        ModelSigner.builder(Signer.of(key))
            .serialization(new Serialization(Serialization.Method.FILES, 0, true, List.of()))
            .build()
            .sign(model);
    VerifiedModel v = verifier().verify(model, allowed, null);
    assertThat(v.resources()).extracting(Resource::name).contains("link.gguf", "weights.gguf");
  }

  @Test
  void symbolicLinkPlantedAfterSigningIsRefusedAtVerification() throws Exception {
    Path model = model();
    OmsBundle bundle = ModelSigner.builder(Signer.of(key)).build().sign(model);
    Files.delete(model.resolve("tok/vocab.json"));
    Path outside = Files.writeString(tmp.resolve("outside.json"), "{}");
    Files.createSymbolicLink(model.resolve("tok/vocab.json"), outside);
    assertFailure(
        () -> verifier().verify(model, bundle, null),
        Failure.UNSAFE_PATH,
        "symbolic link tok/vocab.json");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"../etc/passwd", "/etc/passwd", "dir\\file", "a//b", "./a", "a/", "a/../b"})
  void unsafeResourceNamesAreRefusedEvenWhenValidlySigned(String name) throws Exception {
    String d = "a".repeat(64);
    byte[] bytes =
        Crafted.bundle(
            key,
            Crafted.statement(
                JsonArray.of(Crafted.resource(name, d)),
                Statements.subjectDigest(List.of(new Resource(name, "sha256", d)))));
    assertFailure(
        () -> verifier().verifySignature(OmsBundle.parse(bytes)),
        Failure.UNSAFE_PATH,
        "unsafe resource name");
  }

  @Test
  void duplicateResourceNamesAreRefused() throws Exception {
    String d = "b".repeat(64);
    JsonObject r = Crafted.resource("w.gguf", d);
    List<Resource> both =
        List.of(new Resource("w.gguf", "sha256", d), new Resource("w.gguf", "sha256", d));
    byte[] bytes =
        Crafted.bundle(key, Crafted.statement(JsonArray.of(r, r), Statements.subjectDigest(both)));
    assertFailure(
        () -> verifier().verifySignature(OmsBundle.parse(bytes)),
        Failure.UNSAFE_PATH,
        "duplicate resource name");
  }

  @Test
  void unknownAndUnsupportedHashAlgorithmsAreRefused() throws Exception {
    JsonObject md5 =
        Crafted.resource("w", "c".repeat(64)).toBuilder().put("algorithm", "md5").build();
    byte[] bytes = Crafted.bundle(key, Crafted.statement(JsonArray.of(md5), "0".repeat(64)));
    assertFailure(
        () -> verifier().verifySignature(OmsBundle.parse(bytes)), Failure.UNSUPPORTED, "md5");

    JsonObject st =
        Crafted.statement(JsonArray.of(Crafted.resource("w", "c".repeat(64))), "0".repeat(64));
    JsonObject pred = st.getObject("predicate");
    JsonObject blake =
        st.toBuilder()
            .put(
                "predicate",
                pred.toBuilder()
                    .put(
                        "serialization",
                        pred.getObject("serialization").toBuilder()
                            .put("hash_type", "blake2b")
                            .build())
                    .build())
            .build();
    assertFailure(
        () -> verifier().verifySignature(OmsBundle.parse(Crafted.bundle(key, blake))),
        Failure.UNSUPPORTED,
        "blake2b");
  }

  @Test
  void missingPredicateFieldsAreMalformed() throws Exception {
    JsonObject st =
        Crafted.statement(JsonArray.of(Crafted.resource("w", "c".repeat(64))), "0".repeat(64));
    JsonObject noSerialization =
        st.toBuilder()
            .put("predicate", st.getObject("predicate").toBuilder().remove("serialization").build())
            .build();
    assertFailure(
        () -> verifier().verifySignature(OmsBundle.parse(Crafted.bundle(key, noSerialization))),
        Failure.MALFORMED,
        "missing member \"serialization\"");
  }

  @Test
  void subjectDigestThatDoesNotMatchTheResourcesIsRefused() throws Exception {
    byte[] bytes =
        Crafted.bundle(
            key,
            Crafted.statement(JsonArray.of(Crafted.resource("w", "c".repeat(64))), "0".repeat(64)));
    assertFailure(
        () -> verifier().verifySignature(OmsBundle.parse(bytes)),
        Failure.MALFORMED,
        "subject digest");
  }

  @Test
  void wrongStatementTypeIsRefused() throws Exception {
    JsonObject st =
        Crafted.statement(JsonArray.of(Crafted.resource("w", "c".repeat(64))), "0".repeat(64))
            .toBuilder()
            .put("_type", "https://in-toto.io/Statement/v0.1")
            .build();
    assertFailure(
        () -> verifier().verifySignature(OmsBundle.parse(Crafted.bundle(key, st))),
        Failure.UNSUPPORTED,
        "statement type");
  }

  @Test
  void wrongPayloadTypeIsRefused() {
    byte[] bytes = Crafted.bundle(key, "{}".getBytes(StandardCharsets.UTF_8), "text/plain");
    assertFailure(() -> OmsBundle.parse(bytes), Failure.UNSUPPORTED, "wrong payload type");
  }

  @Test
  void tamperedPayloadIsABadSignature() throws Exception {
    Path model = model();
    OmsBundle bundle = ModelSigner.builder(Signer.of(key)).build().sign(model);
    JsonObject b = Json.parseObject(bundle.toBytes());
    JsonObject env = b.getObject("dsseEnvelope");
    String evil =
        new String(bundle.payload(), StandardCharsets.UTF_8).replace("vocab.json", "vocab.jsom");
    byte[] forged =
        Json.toBytes(
            b.toBuilder()
                .put(
                    "dsseEnvelope",
                    env.toBuilder()
                        .put(
                            "payload",
                            java.util.Base64.getEncoder()
                                .encodeToString(evil.getBytes(StandardCharsets.UTF_8)))
                        .build())
                .build());
    assertFailure(
        () -> verifier().verifySignature(OmsBundle.parse(forged)),
        Failure.BAD_SIGNATURE,
        "bad signature");
  }

  @Test
  void signatureFromAnUntrustedKeyIsAnUnknownKey() throws Exception {
    OmsBundle bundle =
        ModelSigner.builder(Signer.of(SeededRandom.key(KeyAlgorithm.ECDSA_P384, 66)))
            .build()
            .sign(model());
    assertFailure(() -> verifier().verifySignature(bundle), Failure.UNKNOWN_KEY, "unknown key");
  }

  @Test
  void truncatedOrOversizedOrUnknownBundlesAreRefused() throws Exception {
    byte[] good = ModelSigner.builder(Signer.of(key)).build().sign(model()).toBytes();
    assertFailure(
        () -> OmsBundle.parse(Arrays.copyOf(good, good.length / 2)),
        Failure.MALFORMED,
        "not valid JSON");
    byte[] huge = new byte[OmsBundle.MAX_BYTES + 1];
    Arrays.fill(huge, (byte) ' ');
    assertFailure(() -> OmsBundle.parse(huge), Failure.TOO_LARGE, "exceeds the limit");
    JsonObject b = Json.parseObject(good);
    assertFailure(
        () ->
            OmsBundle.parse(
                Json.toBytes(
                    b.toBuilder().put("messageSignature", JsonObject.builder().build()).build())),
        Failure.MALFORMED,
        "unknown member \"messageSignature\"");
    assertFailure(
        () ->
            OmsBundle.parse(
                Json.toBytes(
                    b.toBuilder()
                        .put("mediaType", "application/vnd.dev.sigstore.bundle.v9+json")
                        .build())),
        Failure.UNSUPPORTED,
        "media type");
    String deep = "[".repeat(100) + "]".repeat(100);
    assertFailure(
        () -> OmsBundle.parse(deep.getBytes(StandardCharsets.UTF_8)),
        Failure.MALFORMED,
        "not valid JSON");
  }

  @Test
  void nonCanonicalBase64IsRefused() throws Exception {
    JsonObject b =
        Json.parseObject(ModelSigner.builder(Signer.of(key)).build().sign(model()).toBytes());
    JsonObject env = b.getObject("dsseEnvelope");
    JsonObject sig = env.getArray("signatures").objects().get(0);
    String s = sig.getString("sig");
    byte[] bad =
        Json.toBytes(
            b.toBuilder()
                .put(
                    "dsseEnvelope",
                    env.toBuilder()
                        .put(
                            "signatures",
                            JsonArray.of(sig.toBuilder().put("sig", s + "\n").build()))
                        .build())
                .build());
    assertFailure(() -> OmsBundle.parse(bad), Failure.MALFORMED, "base64");
  }

  @Test
  void signingIsReproducible() throws Exception {
    Path model = model();
    ModelSigner signer = ModelSigner.builder(Signer.of(key)).build();
    assertThat(signer.sign(model).toBytes()).isEqualTo(signer.sign(model).toBytes());
  }

  @Test
  void hashListenerSeesEveryByte() throws Exception {
    Path model = model();
    List<Long> seen = new ArrayList<>();
    ModelSigner.builder(Signer.of(key))
        .parallelism(1)
        .listener(n -> seen.add(n))
        .build()
        .sign(model);
    assertThat(seen.stream().mapToLong(Long::longValue).sum()).isEqualTo(300_000 + 2);
  }
}
