package dev.modelfleet.signing.oms;

import dev.modelfleet.signing.SigningKey;
import dev.modelfleet.signing.internal.Base64s;
import dev.modelfleet.signing.internal.Dsse;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonArray;
import dev.modelfleet.signing.json.JsonObject;
import java.nio.charset.StandardCharsets;

/** Hand-made bundles, validly signed, whose statements a careful verifier must still refuse. */
final class Crafted {
  private Crafted() {}

  static JsonObject resource(String name, String digest) {
    return JsonObject.builder()
        .put("name", name)
        .put("algorithm", "sha256")
        .put("digest", digest)
        .build();
  }

  static JsonObject statement(JsonArray resources, String subjectDigest) {
    return JsonObject.builder()
        .put("_type", "https://in-toto.io/Statement/v1")
        .put(
            "subject",
            JsonArray.of(
                JsonObject.builder()
                    .put("name", "model")
                    .put("digest", JsonObject.builder().put("sha256", subjectDigest).build())
                    .build()))
        .put("predicateType", "https://model_signing/signature/v1.0")
        .put(
            "predicate",
            JsonObject.builder()
                .put("resources", resources)
                .put(
                    "serialization",
                    JsonObject.builder()
                        .put("method", "files")
                        .put("hash_type", "sha256")
                        .put("allow_symlinks", false)
                        .build())
                .build())
        .build();
  }

  static byte[] bundle(SigningKey key, byte[] payload, String payloadType) {
    byte[] sig = key.sign(Dsse.pae(payloadType, payload));
    JsonObject b =
        JsonObject.builder()
            .put("mediaType", "application/vnd.dev.sigstore.bundle.v0.3+json")
            .put(
                "verificationMaterial",
                JsonObject.builder()
                    .put(
                        "publicKey",
                        JsonObject.builder().put("hint", key.verificationKey().omsHint()).build())
                    .build())
            .put(
                "dsseEnvelope",
                JsonObject.builder()
                    .put("payload", Base64s.encode(payload))
                    .put("payloadType", payloadType)
                    .put(
                        "signatures",
                        JsonArray.of(JsonObject.builder().put("sig", Base64s.encode(sig)).build()))
                    .build())
            .build();
    return Json.write(b).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] bundle(SigningKey key, JsonObject statement) {
    return bundle(key, Json.toBytes(statement), "application/vnd.in-toto+json");
  }
}
