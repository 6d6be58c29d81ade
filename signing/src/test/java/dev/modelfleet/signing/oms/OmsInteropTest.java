package dev.modelfleet.signing.oms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.modelfleet.signing.CertificateChain;
import dev.modelfleet.signing.Fixtures;
import dev.modelfleet.signing.KeyAlgorithm;
import dev.modelfleet.signing.OpenSsl;
import dev.modelfleet.signing.SeededRandom;
import dev.modelfleet.signing.Signer;
import dev.modelfleet.signing.SigningKey;
import dev.modelfleet.signing.TestCerts;
import dev.modelfleet.signing.internal.Base64s;
import dev.modelfleet.signing.internal.Dsse;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our bundles against the published OMS JSON schemas and plain openssl. */
class OmsInteropTest {
  @TempDir Path tmp;
  static final ObjectMapper MAPPER = new ObjectMapper();

  static JsonSchema schema(String name) {
    Path dir = Fixtures.oms("schemas/v1.0");
    Map<String, String> ids =
        Map.of(
            "https://model_signing/bundle/v1.0/schema",
                dir.resolve("bundle.schema.json").toUri().toString(),
            "https://model_signing/envelope/v1.0/schema",
                dir.resolve("envelope.schema.json").toUri().toString(),
            "https://model_signing/statement/v1.0/schema",
                dir.resolve("statement.schema.json").toUri().toString(),
            "https://model_signing/predicate/v1.0/schema",
                dir.resolve("predicate.schema.json").toUri().toString());
    JsonSchemaFactory f =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012, b -> b.schemaMappers(m -> m.mappings(ids)));
    return f.getSchema(
        com.networknt.schema.SchemaLocation.of("https://model_signing/" + name + "/v1.0/schema"));
  }

  static Set<ValidationMessage> validate(byte[] bundle) throws Exception {
    Set<ValidationMessage> errors =
        new java.util.HashSet<>(schema("bundle").validate(MAPPER.readTree(bundle)));
    JsonNode env = MAPPER.readTree(bundle).get("dsseEnvelope");
    if (env != null) {
      byte[] payload = Base64s.decode(env.get("payload").asText());
      errors.addAll(schema("statement").validate(MAPPER.readTree(payload)));
    }
    return errors;
  }

  Path model() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(dir.resolve("a.gguf"), "weights");
    Files.writeString(dir.resolve("b.json"), "{}");
    return dir;
  }

  @Test
  void schemaValidatorAcceptsTheValidVectorsAndRejectsAnInvalidOne() throws Exception {
    assertThat(validate(Fixtures.vector("valid/key.bundle.json"))).isEmpty();
    assertThat(validate(Fixtures.vector("valid/certificate.bundle.json"))).isEmpty();
    assertThat(validate(Fixtures.vector("invalid/missing-envelope.bundle.json"))).isNotEmpty();
    assertThat(validate(Fixtures.vector("invalid-payload/wrong-predicate.bundle.json")))
        .isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = Serialization.Method.class)
  void keyBundlesWeMakeConformToTheOmsSchemas(Serialization.Method method) throws Exception {
    SigningKey key = SeededRandom.key(KeyAlgorithm.ECDSA_P384, 1);
    Serialization s =
        method == Serialization.Method.FILES ? Serialization.files() : Serialization.shards(4);
    byte[] bundle =
        ModelSigner.builder(Signer.of(key)).serialization(s).build().sign(model()).toBytes();
    assertThat(validate(bundle)).isEmpty();
  }

  @Test
  void certificateBundlesWeMakeConformToTheOmsSchemas() throws Exception {
    SigningKey key = SeededRandom.key(KeyAlgorithm.ECDSA_P256, 1);
    TestCerts.Issuer ca = TestCerts.issuer("ca", SeededRandom.key(KeyAlgorithm.ECDSA_P384, 2));
    byte[] leaf = TestCerts.issue("publisher", key, ca, TestCerts.Spec.codeSigning());
    byte[] bundle =
        ModelSigner.builder(Signer.of(key))
            .certificateChain(
                CertificateChain.fromDer(
                    List.of(leaf, TestCerts.selfSigned(ca, TestCerts.Spec.authority()))))
            .build()
            .sign(model())
            .toBytes();
    assertThat(validate(bundle)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"ECDSA_P256", "ECDSA_P384"})
  void opensslDgstVerifiesOurSignatureOverTheDssePae(KeyAlgorithm alg) throws Exception {
    SigningKey key = SeededRandom.key(alg, 3);
    OmsBundle bundle = ModelSigner.builder(Signer.of(key)).build().sign(model());
    JsonObject env = Json.parseObject(bundle.toBytes()).getObject("dsseEnvelope");
    byte[] payload = Base64s.decode(env.getString("payload"));
    byte[] sig = Base64s.decode(env.getArray("signatures").objects().get(0).getString("sig"));
    Files.write(tmp.resolve("pae.bin"), Dsse.pae(env.getString("payloadType"), payload));
    Files.write(tmp.resolve("sig.der"), sig);
    Files.writeString(tmp.resolve("pub.pem"), key.verificationKey().toPem());
    String digest = alg == KeyAlgorithm.ECDSA_P256 ? "-sha256" : "-sha384";

    assertThat(
            OpenSsl.ok(
                tmp, "dgst", digest, "-verify", "pub.pem", "-signature", "sig.der", "pae.bin"))
        .contains("Verified OK");
    Files.write(
        tmp.resolve("pae.bin"), Dsse.pae(env.getString("payloadType"), "tampered".getBytes()));
    assertThat(
            OpenSsl.run(
                    tmp, "dgst", digest, "-verify", "pub.pem", "-signature", "sig.der", "pae.bin")
                .exitCode())
        .isNotZero();
  }

  @Test
  void fixtureKeyVectorVerifiesWithOpensslOverOurPae() throws Exception {
    // The published key vector, checked by openssl over the PAE we compute: proves our PAE.
    JsonObject env =
        Json.parseObject(Fixtures.vector("valid/key.bundle.json")).getObject("dsseEnvelope");
    Files.write(
        tmp.resolve("pae.bin"),
        Dsse.pae(env.getString("payloadType"), Base64s.decode(env.getString("payload"))));
    Files.write(
        tmp.resolve("sig.der"),
        Base64s.decode(env.getArray("signatures").objects().get(0).getString("sig")));
    Files.copy(Fixtures.oms("keys/signing-key-pub.pem"), tmp.resolve("pub.pem"));
    assertThat(
            OpenSsl.ok(
                tmp, "dgst", "-sha384", "-verify", "pub.pem", "-signature", "sig.der", "pae.bin"))
        .contains("Verified OK");
  }
}
