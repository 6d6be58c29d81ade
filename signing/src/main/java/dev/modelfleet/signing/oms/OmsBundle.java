package dev.modelfleet.signing.oms;

import dev.modelfleet.signing.VerificationException;
import dev.modelfleet.signing.VerificationException.Failure;
import dev.modelfleet.signing.internal.Base64s;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonArray;
import dev.modelfleet.signing.json.JsonException;
import dev.modelfleet.signing.json.JsonLimits;
import dev.modelfleet.signing.json.JsonNull;
import dev.modelfleet.signing.json.JsonObject;
import dev.modelfleet.signing.json.JsonString;
import dev.modelfleet.signing.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A parsed OMS bundle: a Sigstore bundle v0.3 with a DSSE envelope. Parsing checks structure only;
 * nothing in it is trusted until {@link ModelVerifier} has verified the signature.
 */
public final class OmsBundle {
  /** Largest bundle accepted: a sharded 1 TB model's manifest fits with room to spare. */
  public static final int MAX_BYTES = 32 << 20;

  static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
  static final Set<String> MEDIA_TYPES =
      Set.of(MEDIA_TYPE, "application/vnd.dev.sigstore.bundle+json;version=0.3");
  static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
  static final int MAX_SIGNATURES = 8;

  private static final JsonLimits LIMITS = new JsonLimits(MAX_BYTES, 32, MAX_BYTES, 4_000_000);

  private final byte[] bytes;
  private final SigningMethod method;
  private final byte[] payload;
  private final List<byte[]> signatures;
  private final @Nullable String keyHint;
  private final byte @Nullable [] keyRawBytes;
  private final List<byte[]> certificates;
  private final @Nullable Instant integratedTime;
  private final List<TlogEntry> tlogEntries;

  /**
   * The parts of a Rekor entry needed to check its signed entry timestamp offline.
   *
   * @param signedEntryTimestamp base64, or empty if the entry has none
   */
  record TlogEntry(
      long logIndex,
      String logIdHex,
      long integratedTime,
      String canonicalizedBody,
      String signedEntryTimestamp) {}

  private OmsBundle(
      byte[] bytes,
      SigningMethod method,
      byte[] payload,
      List<byte[]> signatures,
      @Nullable String keyHint,
      byte @Nullable [] keyRawBytes,
      List<byte[]> certificates,
      @Nullable Instant integratedTime,
      List<TlogEntry> tlogEntries) {
    this.bytes = bytes;
    this.method = method;
    this.payload = payload;
    this.signatures = signatures;
    this.keyHint = keyHint;
    this.keyRawBytes = keyRawBytes;
    this.certificates = certificates;
    this.integratedTime = integratedTime;
    this.tlogEntries = tlogEntries;
  }

  /**
   * Parses a bundle file's bytes.
   *
   * @throws VerificationException {@link Failure#MALFORMED} for broken or incomplete JSON, {@link
   *     Failure#TOO_LARGE} beyond {@link #MAX_BYTES}, {@link Failure#UNSUPPORTED} for another media
   *     type, payload type or a message-signature bundle
   */
  public static OmsBundle parse(byte[] json) throws VerificationException {
    if (json.length > MAX_BYTES) {
      throw new VerificationException(
          Failure.TOO_LARGE,
          "signature bundle of " + json.length + " bytes exceeds the limit of " + MAX_BYTES);
    }
    JsonObject root;
    try {
      root = Json.parseObject(json, LIMITS);
    } catch (JsonException e) {
      throw malformed("signature bundle is not valid JSON: " + e.getMessage(), e);
    }
    try {
      return parse(json.clone(), root);
    } catch (JsonException e) {
      throw malformed("malformed signature bundle: " + e.getMessage(), e);
    }
  }

  private static OmsBundle parse(byte[] bytes, JsonObject root) throws VerificationException {
    onlyMembers(root, "bundle", "mediaType", "verificationMaterial", "dsseEnvelope");
    String mediaType =
        root.findString("mediaType")
            .orElseThrow(() -> malformed("signature bundle has no mediaType"));
    if (!MEDIA_TYPES.contains(mediaType)) {
      throw new VerificationException(
          Failure.UNSUPPORTED, "unsupported bundle media type \"" + mediaType + "\"");
    }
    JsonObject material =
        root.findObject("verificationMaterial")
            .orElseThrow(() -> malformed("signature bundle has no verificationMaterial"));
    JsonObject envelope =
        root.findObject("dsseEnvelope")
            .orElseThrow(() -> malformed("signature bundle has no dsseEnvelope"));

    boolean hasKey = material.has("publicKey");
    boolean hasChain = material.has("x509CertificateChain");
    boolean hasCert = material.has("certificate");
    if ((hasKey ? 1 : 0) + (hasChain ? 1 : 0) + (hasCert ? 1 : 0) != 1) {
      throw malformed(
          "verificationMaterial must hold exactly one of publicKey, x509CertificateChain,"
              + " certificate");
    }
    SigningMethod method;
    String hint = null;
    byte[] rawKey = null;
    List<byte[]> certs = new ArrayList<>();
    Instant integrated = null;
    JsonArray tlog = material.findArray("tlogEntries").orElse(JsonArray.of());
    List<TlogEntry> entries = new ArrayList<>();
    if (hasKey) {
      method = SigningMethod.KEY;
      JsonObject pk = material.getObject("publicKey");
      hint = pk.findString("hint").filter(h -> !h.isEmpty()).orElse(null);
      Optional<String> raw = pk.findString("rawBytes");
      if (raw.isPresent()) {
        rawKey = base64(raw.get(), "publicKey.rawBytes");
      }
      if (hint == null && rawKey == null) {
        throw malformed("publicKey has neither hint nor rawBytes");
      }
    } else if (hasChain) {
      method = SigningMethod.CERTIFICATE;
      JsonArray list = material.getObject("x509CertificateChain").getArray("certificates");
      if (list.isEmpty() || list.size() > 10) {
        throw malformed("x509CertificateChain must hold 1 to 10 certificates");
      }
      for (JsonObject c : list.objects()) {
        certs.add(base64(c.getString("rawBytes"), "certificate rawBytes"));
      }
    } else {
      method = SigningMethod.SIGSTORE;
      certs.add(base64(material.getObject("certificate").getString("rawBytes"), "certificate"));
      if (tlog.isEmpty()) {
        throw malformed("sigstore bundle has no transparency log entries (tlogEntries)");
      }
      if (tlog.size() > MAX_SIGNATURES) {
        throw malformed("more than " + MAX_SIGNATURES + " transparency log entries");
      }
      for (JsonObject entry : tlog.objects()) {
        entries.add(tlogEntry(entry));
      }
      integrated = Instant.ofEpochSecond(entries.get(0).integratedTime());
    }

    onlyMembers(envelope, "dsseEnvelope", "payload", "payloadType", "signatures");
    String payloadType = envelope.getString("payloadType");
    if (!payloadType.equals(PAYLOAD_TYPE)) {
      throw new VerificationException(
          Failure.UNSUPPORTED,
          "wrong payload type \"" + payloadType + "\", expected " + PAYLOAD_TYPE);
    }
    byte[] payload = base64(envelope.getString("payload"), "payload");
    if (payload.length == 0) {
      throw malformed("DSSE payload is empty");
    }
    JsonArray sigs = envelope.getArray("signatures");
    if (sigs.isEmpty() || sigs.size() > MAX_SIGNATURES) {
      throw malformed("DSSE envelope must hold 1 to " + MAX_SIGNATURES + " signatures");
    }
    List<byte[]> signatures = new ArrayList<>();
    for (JsonObject s : sigs.objects()) {
      onlyMembers(s, "signature", "sig", "keyid");
      JsonValue keyid = s.find("keyid").orElse(JsonNull.INSTANCE);
      if (!(keyid instanceof JsonString) && keyid != JsonNull.INSTANCE) {
        throw malformed("DSSE signature keyid must be a string or null");
      }
      byte[] sig = base64(s.getString("sig"), "signature");
      if (sig.length == 0) {
        throw malformed("DSSE signature is empty");
      }
      signatures.add(sig);
    }
    return new OmsBundle(
        bytes,
        method,
        payload,
        List.copyOf(signatures),
        hint,
        rawKey,
        List.copyOf(certs),
        integrated,
        List.copyOf(entries));
  }

  private static TlogEntry tlogEntry(JsonObject entry) throws VerificationException {
    try {
      long index = Long.parseLong(entry.getString("logIndex"));
      long time = Long.parseLong(entry.getString("integratedTime"));
      String logId =
          dev.modelfleet.signing.internal.Hex.encode(
              base64(entry.getObject("logId").getString("keyId"), "tlog logId"));
      String body = entry.findString("canonicalizedBody").orElse("");
      Optional<String> set =
          entry.findObject("inclusionPromise").flatMap(p -> p.findString("signedEntryTimestamp"));
      String sig = set.orElse("");
      if (!sig.isEmpty()) {
        base64(sig, "signedEntryTimestamp"); // reject malformed base64 at parse time
      }
      if (index < 0 || time < 0) {
        throw malformed("tlog entry logIndex and integratedTime must not be negative");
      }
      return new TlogEntry(index, logId, time, body, sig);
    } catch (NumberFormatException e) {
      throw malformed("tlog entry logIndex or integratedTime is not a number", e);
    }
  }

  private static void onlyMembers(JsonObject o, String what, String... allowed)
      throws VerificationException {
    Set<String> ok = Set.of(allowed);
    for (String k : o.keys()) {
      if (!ok.contains(k)) {
        throw malformed(what + " has an unknown member \"" + k + "\"");
      }
    }
  }

  private static byte[] base64(String text, String what) throws VerificationException {
    try {
      return Base64s.decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed(what + " is not valid base64", e);
    }
  }

  static VerificationException malformed(String message) {
    return new VerificationException(Failure.MALFORMED, message);
  }

  static VerificationException malformed(String message, Throwable cause) {
    return new VerificationException(Failure.MALFORMED, message, cause);
  }

  static OmsBundle created(byte[] bytes) {
    try {
      return parse(bytes);
    } catch (VerificationException e) {
      throw new IllegalStateException("produced an unparsable bundle: " + e.getMessage(), e);
    }
  }

  /** The bundle file's bytes, exactly as parsed or created. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  public SigningMethod method() {
    return method;
  }

  /** The DSSE payload: the in-toto statement's exact bytes, as signed. */
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload as text (for display; verification uses the bytes). */
  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  byte[] payloadBytes() {
    return payload;
  }

  List<byte[]> signatures() {
    return signatures;
  }

  /** For the {@code key} method: the public-key hint (hex SHA-256 of the PEM), if present. */
  public Optional<String> keyHint() {
    return Optional.ofNullable(keyHint);
  }

  Optional<byte[]> keyRawBytes() {
    return Optional.ofNullable(keyRawBytes);
  }

  /** DER certificates: the chain (leaf first) or the single Fulcio certificate. */
  public List<byte[]> certificates() {
    List<byte[]> out = new ArrayList<>();
    for (byte[] c : certificates) {
      out.add(c.clone());
    }
    return out;
  }

  List<TlogEntry> tlogEntries() {
    return tlogEntries;
  }

  /**
   * For {@code sigstore}: the first transparency-log entry's integration time. Not authenticated
   * offline (the signed entry timestamp is not verified).
   */
  public Optional<Instant> claimedIntegratedTime() {
    return Optional.ofNullable(integratedTime);
  }
}
