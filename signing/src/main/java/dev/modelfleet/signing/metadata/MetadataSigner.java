package dev.modelfleet.signing.metadata;

import dev.modelfleet.signing.Signer;
import dev.modelfleet.signing.SigningException;
import dev.modelfleet.signing.VerificationException;
import dev.modelfleet.signing.internal.Base64s;
import dev.modelfleet.signing.internal.Dsse;
import dev.modelfleet.signing.json.CanonicalJson;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonArray;
import dev.modelfleet.signing.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Signs metadata (the registry side, and a publisher signing targets offline). The payload is the
 * RFC 8785 canonical JSON of the record; signatures are sorted by key id, and ECDSA and Ed25519
 * signing is deterministic, so the same record and keys always give the same bytes.
 */
public final class MetadataSigner {
  private MetadataSigner() {}

  /**
   * The canonical payload of {@code metadata} (what the signatures cover, before DSSE's encoding).
   */
  public static byte[] payload(Metadata metadata) {
    return CanonicalJson.encode(Codec.toJson(metadata));
  }

  /**
   * Parses a payload prepared elsewhere for signing, e.g. the pending targets a registry asks a
   * publisher to sign offline (docs/adr/0008-targets-signing.md). The payload must be well-formed
   * metadata of {@code role} in canonical JSON, and {@link #payload} of the result must give back
   * exactly these bytes, so that {@link #sign} of the result signs what was shown: a payload with
   * fields this version does not know is refused rather than silently changed.
   *
   * @throws VerificationException {@link VerificationException.Failure#MALFORMED} or {@link
   *     VerificationException.Failure#UNSUPPORTED}
   */
  public static Metadata parsePayload(Role role, byte[] payload) throws VerificationException {
    Metadata m = Envelope.parsePayload(role, payload);
    if (!Arrays.equals(payload(m), payload)) {
      throw new VerificationException(
          VerificationException.Failure.MALFORMED,
          role.id() + " payload has fields this version of the signing library does not know");
    }
    return m;
  }

  /**
   * Signs {@code metadata} with every signer and returns the envelope file's bytes.
   *
   * @throws SigningException if a signer fails
   * @throws IllegalArgumentException if {@code signers} is empty or holds one key twice
   */
  public static byte[] sign(Metadata metadata, List<? extends Signer> signers)
      throws SigningException {
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("at least one signer is required");
    }
    byte[] payload = payload(metadata);
    byte[] pae = Dsse.pae(metadata.role().payloadType(), payload);
    List<JsonObject> sigs = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Signer s : signers) {
      String keyId = s.verificationKey().keyId();
      if (seen.contains(keyId)) {
        throw new IllegalArgumentException("key " + keyId + " given twice");
      }
      seen.add(keyId);
      sigs.add(
          JsonObject.builder().put("keyid", keyId).put("sig", Base64s.encode(s.sign(pae))).build());
    }
    sigs.sort(Comparator.comparing(o -> o.getString("keyid")));
    JsonObject envelope =
        JsonObject.builder()
            .put("payloadType", metadata.role().payloadType())
            .put("payload", Base64s.encode(payload))
            .put("signatures", JsonArray.of(sigs))
            .build();
    return (Json.writePretty(envelope) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
