package dev.modelfleet.signing.metadata;

import dev.modelfleet.signing.VerificationException;
import dev.modelfleet.signing.VerificationException.Failure;
import dev.modelfleet.signing.VerificationKey;
import dev.modelfleet.signing.internal.Base64s;
import dev.modelfleet.signing.internal.Dsse;
import dev.modelfleet.signing.internal.Hex;
import dev.modelfleet.signing.json.CanonicalJson;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonException;
import dev.modelfleet.signing.json.JsonLimits;
import dev.modelfleet.signing.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed DSSE envelope of metadata; signatures are checked against a role's keys. */
final class Envelope {
  static final int MAX_SIGNATURES = 32;

  private final Role role;
  private final byte[] payload;
  private final List<Sig> signatures;

  /** One signature with the key id it claims. */
  private static final class Sig {
    private final String keyId;
    private final byte[] sig;

    Sig(String keyId, byte[] sig) {
      this.keyId = keyId;
      this.sig = sig;
    }

    String keyId() {
      return keyId;
    }

    byte[] sig() {
      return sig;
    }
  }

  private Envelope(Role role, byte[] payload, List<Sig> signatures) {
    this.role = role;
    this.payload = payload;
    this.signatures = signatures;
  }

  /**
   * Parses an envelope that must carry {@code role}'s payload type.
   *
   * @throws VerificationException {@link Failure#TOO_LARGE} beyond {@code maxBytes}, {@link
   *     Failure#MALFORMED} or {@link Failure#UNSUPPORTED} otherwise
   */
  public static Envelope parse(byte[] bytes, Role role, long maxBytes)
      throws VerificationException {
    if (bytes.length > maxBytes) {
      throw new VerificationException(
          Failure.TOO_LARGE,
          role.id() + " metadata of " + bytes.length + " bytes exceeds its limit of " + maxBytes);
    }
    try {
      JsonObject o =
          Json.parseObject(
              bytes,
              new JsonLimits(
                  (int) Math.min(Integer.MAX_VALUE, maxBytes),
                  8,
                  (int) Math.min(Integer.MAX_VALUE, maxBytes),
                  100_000));
      String type = o.getString("payloadType");
      if (!type.equals(role.payloadType())) {
        throw new VerificationException(
            Failure.UNSUPPORTED,
            "expected " + role.id() + " metadata (" + role.payloadType() + "), got " + type);
      }
      byte[] payload = Base64s.decode(o.getString("payload"));
      List<Sig> sigs = new ArrayList<>();
      var list = o.getArray("signatures");
      if (list.size() > MAX_SIGNATURES) {
        throw new VerificationException(
            Failure.MALFORMED,
            role.id() + " metadata has more than " + MAX_SIGNATURES + " signatures");
      }
      for (JsonObject s : list.objects()) {
        sigs.add(new Sig(s.getString("keyid"), Base64s.decode(s.getString("sig"))));
      }
      return new Envelope(role, payload, List.copyOf(sigs));
    } catch (JsonException | IllegalArgumentException e) {
      throw new VerificationException(
          Failure.MALFORMED, "malformed " + role.id() + " metadata envelope: " + e.getMessage(), e);
    }
  }

  /**
   * Checks that at least {@code rk.threshold()} distinct keys of {@code rk} signed the exact
   * payload bytes. Signatures by other keys and repeated signatures by one key do not count.
   *
   * @param signedBy which keys to check against, e.g. "trusted root" (for the message)
   * @throws VerificationException {@link Failure#THRESHOLD}
   */
  public void verifyThreshold(RoleKeys rk, Map<String, VerificationKey> keys, String signedBy)
      throws VerificationException {
    byte[] pae = Dsse.pae(role.payloadType(), payload);
    Set<String> allowed = new HashSet<>(rk.keyIds());
    Set<String> valid = new HashSet<>();
    for (Sig s : signatures) {
      if (!allowed.contains(s.keyId()) || valid.contains(s.keyId())) {
        continue;
      }
      VerificationKey key = keys.get(s.keyId());
      if (key != null && key.verify(pae, s.sig())) {
        valid.add(s.keyId());
      }
    }
    if (valid.size() < rk.threshold()) {
      throw new VerificationException(
          Failure.THRESHOLD,
          role.id()
              + " metadata has "
              + valid.size()
              + " valid signature(s) from distinct "
              + signedBy
              + " keys, "
              + rk.threshold()
              + " required");
    }
  }

  /**
   * The payload as metadata; it must be canonical JSON so that one document has one encoding.
   *
   * @throws VerificationException {@link Failure#MALFORMED} or {@link Failure#UNSUPPORTED}
   */
  public Metadata metadata() throws VerificationException {
    return parsePayload(role, payload);
  }

  /**
   * A payload of {@code role} as metadata; it must be canonical JSON.
   *
   * @throws VerificationException {@link Failure#MALFORMED} or {@link Failure#UNSUPPORTED}
   */
  static Metadata parsePayload(Role role, byte[] payload) throws VerificationException {
    JsonObject o;
    try {
      o =
          Json.parseObject(
              payload, new JsonLimits(payload.length + 1, 16, payload.length + 1, 1_000_000));
    } catch (JsonException e) {
      throw new VerificationException(
          Failure.MALFORMED, role.id() + " payload is not valid JSON: " + e.getMessage(), e);
    }
    // Compared with the object just parsed: parsing the payload a second time doubled the cost
    // of verifying a large targets document.
    if (!CanonicalJson.isCanonical(payload, o)) {
      throw new VerificationException(
          Failure.MALFORMED, role.id() + " payload is not RFC 8785 canonical JSON");
    }
    return Codec.fromJson(role, o);
  }

  /** Key ids claimed by the signatures (for diagnostics). */
  public List<String> keyIds() {
    List<String> out = new ArrayList<>();
    for (Sig s : signatures) {
      out.add(s.keyId());
    }
    return out;
  }

  static boolean isKeyId(String s) {
    return Hex.isLowerHex(s, 32);
  }
}
