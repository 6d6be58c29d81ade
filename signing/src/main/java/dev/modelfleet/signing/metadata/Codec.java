package dev.modelfleet.signing.metadata;

import dev.modelfleet.signing.KeyAlgorithm;
import dev.modelfleet.signing.KeyFormatException;
import dev.modelfleet.signing.VerificationException;
import dev.modelfleet.signing.VerificationException.Failure;
import dev.modelfleet.signing.VerificationKey;
import dev.modelfleet.signing.internal.Base64s;
import dev.modelfleet.signing.json.JsonArray;
import dev.modelfleet.signing.json.JsonException;
import dev.modelfleet.signing.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Metadata records to and from their JSON payloads (docs/formats/metadata.md). */
final class Codec {
  public static final String SPEC_VERSION = "1.0";
  static final String TARGETS_FILE = "targets.json";
  static final String SNAPSHOT_FILE = "snapshot.json";
  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

  private Codec() {}

  public static JsonObject toJson(Metadata m) {
    JsonObject.Builder b =
        JsonObject.builder().put("_type", m.role().id()).put("spec_version", SPEC_VERSION);
    if (m instanceof RootMetadata r) {
      b.put("version", r.version()).put("expires", time(r.expires()));
      JsonObject.Builder keys = JsonObject.builder();
      for (Map.Entry<String, VerificationKey> e : r.keys().entrySet()) {
        keys.put(
            e.getKey(),
            JsonObject.builder()
                .put("keytype", e.getValue().algorithm().id())
                .put("public", Base64s.encode(e.getValue().spki()))
                .build());
      }
      JsonObject.Builder roles = JsonObject.builder();
      for (Role role : Role.values()) {
        RoleKeys rk = r.keysFor(role);
        roles.put(
            role.id(),
            JsonObject.builder()
                .put("keyids", JsonArray.ofStrings(rk.keyIds()))
                .put("threshold", rk.threshold())
                .build());
      }
      JsonObject.Builder pubs = JsonObject.builder();
      for (Map.Entry<String, List<String>> e : r.publishers().entrySet()) {
        pubs.put(
            e.getKey(),
            JsonObject.builder().put("keyids", JsonArray.ofStrings(e.getValue())).build());
      }
      b.put("keys", keys.build()).put("roles", roles.build()).put("publishers", pubs.build());
    } else if (m instanceof TargetsMetadata t) {
      b.put("version", t.version()).put("expires", time(t.expires()));
      JsonObject.Builder targets = JsonObject.builder();
      for (TargetEntry e : t.targets().values()) {
        TargetInfo i = e.info();
        targets.put(
            e.name(),
            JsonObject.builder()
                .put("length", e.length())
                .put("hashes", JsonObject.builder().put("sha256", e.sha256()).build())
                .put(
                    "custom",
                    JsonObject.builder()
                        .put("model", i.model())
                        .put("release", i.release())
                        .put("variant", i.variant())
                        .put("publisher", i.publisher())
                        .put("oms_bundle_sha256", i.omsBundleSha256())
                        .put("hardware", i.hardware())
                        .put("validation", i.validation())
                        .build())
                .build());
      }
      b.put("targets", targets.build());
    } else if (m instanceof SnapshotMetadata s) {
      b.put("version", s.version()).put("expires", time(s.expires()));
      b.put("meta", JsonObject.builder().put(TARGETS_FILE, metaFile(s.targets())).build());
    } else if (m instanceof TimestampMetadata t) {
      b.put("version", t.version()).put("expires", time(t.expires()));
      b.put("meta", JsonObject.builder().put(SNAPSHOT_FILE, metaFile(t.snapshot())).build());
    } else if (m instanceof Directive d) {
      b.put("device_id", d.deviceId())
          .put("target", d.target())
          .put("rollout_id", d.rolloutId())
          .put("nonce", d.nonce())
          .put("issued", time(d.issued()))
          .put("expires", time(d.expires()));
    }
    return b.build();
  }

  /**
   * Parses a payload of the expected role.
   *
   * @throws VerificationException {@link Failure#MALFORMED} for missing, mistyped or invalid
   *     fields, {@link Failure#UNSUPPORTED} for another spec version, key type or role
   */
  public static Metadata fromJson(Role expected, JsonObject o) throws VerificationException {
    try {
      String type = o.getString("_type");
      if (!type.equals(expected.id())) {
        throw new VerificationException(
            Failure.UNSUPPORTED, "expected " + expected.id() + " metadata, got \"" + type + "\"");
      }
      String spec = o.getString("spec_version");
      if (!spec.equals(SPEC_VERSION)) {
        throw new VerificationException(
            Failure.UNSUPPORTED, "unsupported metadata spec_version \"" + spec + "\"");
      }
      Instant expires = parseTime(o.getString("expires"));
      return switch (expected) {
        case ROOT -> root(o, expires);
        case TARGETS -> targets(o, expires);
        case SNAPSHOT ->
            new SnapshotMetadata(
                o.getLong("version"),
                expires,
                metaFile(o.getObject("meta").getObject(TARGETS_FILE)));
        case TIMESTAMP ->
            new TimestampMetadata(
                o.getLong("version"),
                expires,
                metaFile(o.getObject("meta").getObject(SNAPSHOT_FILE)));
        case DIRECTIVE ->
            new Directive(
                o.getString("device_id"),
                o.getString("target"),
                o.getString("rollout_id"),
                o.getString("nonce"),
                parseTime(o.getString("issued")),
                expires);
      };
    } catch (JsonException | IllegalArgumentException e) {
      throw new VerificationException(
          Failure.MALFORMED, "malformed " + expected.id() + " metadata: " + e.getMessage(), e);
    }
  }

  private static RootMetadata root(JsonObject o, Instant expires) throws VerificationException {
    Map<String, VerificationKey> keys = new TreeMap<>();
    for (Map.Entry<String, ?> e : o.getObject("keys").members().entrySet()) {
      JsonObject k = o.getObject("keys").getObject(e.getKey());
      String keytype = k.getString("keytype");
      KeyAlgorithm alg =
          KeyAlgorithm.fromId(keytype)
              .orElseThrow(
                  () ->
                      new VerificationException(
                          Failure.UNSUPPORTED, "unknown key type \"" + keytype + "\" in root"));
      VerificationKey key;
      try {
        key = VerificationKey.fromSpki(Base64s.decode(k.getString("public")));
      } catch (KeyFormatException e2) {
        throw new VerificationException(
            Failure.UNSUPPORTED, "root key " + e.getKey() + ": " + e2.getMessage(), e2);
      }
      if (key.algorithm() != alg) {
        throw new VerificationException(
            Failure.MALFORMED,
            "root key " + e.getKey() + " is not of its declared type " + keytype);
      }
      keys.put(e.getKey(), key);
    }
    Map<Role, RoleKeys> roles = new EnumMap<>(Role.class);
    JsonObject r = o.getObject("roles");
    for (Role role : Role.values()) {
      JsonObject rk = r.getObject(role.id());
      roles.put(role, new RoleKeys(rk.getArray("keyids").strings(), rk.getInt("threshold")));
    }
    Map<String, List<String>> publishers = new TreeMap<>();
    JsonObject p = o.findObject("publishers").orElse(JsonObject.builder().build());
    for (String name : p.keys()) {
      publishers.put(name, new ArrayList<>(p.getObject(name).getArray("keyids").strings()));
    }
    return new RootMetadata(o.getLong("version"), expires, keys, roles, publishers);
  }

  private static TargetsMetadata targets(JsonObject o, Instant expires) {
    Map<String, TargetEntry> targets = new TreeMap<>();
    JsonObject t = o.getObject("targets");
    for (String name : t.keys()) {
      JsonObject e = t.getObject(name);
      JsonObject c = e.getObject("custom");
      targets.put(
          name,
          new TargetEntry(
              name,
              e.getLong("length"),
              e.getObject("hashes").getString("sha256"),
              new TargetInfo(
                  c.getString("model"),
                  c.getLong("release"),
                  c.getString("variant"),
                  c.getString("publisher"),
                  c.getString("oms_bundle_sha256"),
                  c.getObject("hardware"),
                  c.getObject("validation"))));
    }
    return new TargetsMetadata(o.getLong("version"), expires, targets);
  }

  private static JsonObject metaFile(MetaFile f) {
    return JsonObject.builder()
        .put("version", f.version())
        .put("length", f.length())
        .put("hashes", JsonObject.builder().put("sha256", f.sha256()).build())
        .build();
  }

  private static MetaFile metaFile(JsonObject o) {
    return new MetaFile(
        o.getLong("version"), o.getLong("length"), o.getObject("hashes").getString("sha256"));
  }

  /** RFC 3339 UTC to the second: {@code 2026-01-31T12:00:00Z}. */
  public static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static Instant parseTime(String s) {
    if (!TIME.matcher(s).matches()) {
      throw new IllegalArgumentException(
          "time \"" + s + "\" is not of the form YYYY-MM-DDTHH:MM:SSZ");
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("invalid time \"" + s + "\"", e);
    }
  }
}
