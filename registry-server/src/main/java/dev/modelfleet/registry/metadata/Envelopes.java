package dev.modelfleet.registry.metadata;

import dev.modelfleet.registry.error.ErrorCode;
import dev.modelfleet.registry.error.RegistryException;
import dev.modelfleet.signing.VerificationKey;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonException;
import dev.modelfleet.signing.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Checks an uploaded DSSE envelope against the exact payload the registry asked to be signed. */
final class Envelopes {
  private Envelopes() {}

  static void requireSignedPayload(
      byte[] envelope, String payloadType, byte[] expectedPayload, List<VerificationKey> keys) {
    JsonObject o;
    byte[] payload;
    try {
      o = Json.parseObject(envelope);
      if (!payloadType.equals(o.getString("payloadType"))) {
        throw invalid("The envelope's payloadType must be " + payloadType + ".");
      }
      payload = Base64.getDecoder().decode(o.getString("payload"));
    } catch (JsonException | IllegalArgumentException e) {
      throw invalid("The targets envelope is not a valid DSSE envelope: " + e.getMessage());
    }
    if (!Arrays.equals(payload, expectedPayload)) {
      throw invalid(
          "The signed targets differ from the pending targets; sign the pending document as it is.");
    }
    byte[] pae = pae(payloadType, payload);
    for (JsonObject sig : o.getArray("signatures").objects()) {
      String keyId = sig.findString("keyid").orElse("");
      byte[] signature;
      try {
        signature = Base64.getDecoder().decode(sig.findString("sig").orElse(""));
      } catch (IllegalArgumentException e) {
        continue;
      }
      for (VerificationKey k : keys) {
        if (k.keyId().equals(keyId) && k.verify(pae, signature)) {
          return;
        }
      }
    }
    throw invalid("No signature by an active publisher key of this model verifies.");
  }

  /** DSSE pre-authentication encoding: {@code DSSEv1 <len> <type> <len> <body>}. */
  static byte[] pae(String type, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] t = type.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(
        ("DSSEv1 " + t.length + " " + type + " " + body.length + " ")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static RegistryException invalid(String detail) {
    return new RegistryException(ErrorCode.METADATA_INVALID, detail);
  }
}
