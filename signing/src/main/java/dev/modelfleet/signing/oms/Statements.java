package dev.modelfleet.signing.oms;

import dev.modelfleet.signing.VerificationException;
import dev.modelfleet.signing.VerificationException.Failure;
import dev.modelfleet.signing.internal.Hex;
import dev.modelfleet.signing.internal.Sha;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonArray;
import dev.modelfleet.signing.json.JsonException;
import dev.modelfleet.signing.json.JsonLimits;
import dev.modelfleet.signing.json.JsonObject;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The in-toto Statement v1 with the OMS predicate: building and strict parsing. */
final class Statements {
  public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
  public static final String PREDICATE_TYPE = "https://model_signing/signature/v1.0";
  public static final String SHA256 = "sha256";
  private static final Set<String> KNOWN_HASHES = Set.of("sha256", "blake2b", "blake3");
  private static final JsonLimits LIMITS = new JsonLimits(32 << 20, 16, 1 << 20, 4_000_000);

  private Statements() {}

  /** The parsed statement. */
  public record Manifest(
      String subjectName,
      String subjectDigest,
      List<Resource> resources,
      Serialization serialization) {}

  /** Hex SHA-256 over the concatenated raw digests of {@code resources} (OMS §6.5.1). */
  public static String subjectDigest(List<Resource> resources) {
    MessageDigest md = Sha.sha256();
    for (Resource r : resources) {
      md.update(Hex.decode(r.digest()));
    }
    return Hex.encode(md.digest());
  }

  public static JsonObject build(String subjectName, List<Resource> resources, Serialization s) {
    JsonArray.Builder res = JsonArray.builder();
    for (Resource r : resources) {
      res.add(
          JsonObject.builder()
              .put("name", r.name())
              .put("algorithm", r.algorithm())
              .put("digest", r.digest())
              .build());
    }
    JsonObject.Builder ser =
        JsonObject.builder()
            .put("method", s.method().id())
            .put("hash_type", SHA256)
            .put("allow_symlinks", s.allowSymlinks());
    if (s.method() == Serialization.Method.SHARDS) {
      ser.put("shard_size", s.shardSize());
    }
    ser.put("ignore_paths", JsonArray.ofStrings(s.ignorePaths()));
    return JsonObject.builder()
        .put("_type", STATEMENT_TYPE)
        .put(
            "subject",
            JsonArray.of(
                JsonObject.builder()
                    .put("name", subjectName)
                    .put(
                        "digest",
                        JsonObject.builder().put(SHA256, subjectDigest(resources)).build())
                    .build()))
        .put("predicateType", PREDICATE_TYPE)
        .put(
            "predicate",
            JsonObject.builder()
                .put("resources", res.build())
                .put("serialization", ser.build())
                .build())
        .build();
  }

  /**
   * Parses and checks a statement: types, required fields, resource names and digests.
   *
   * @throws VerificationException {@link Failure#UNSUPPORTED} for another statement or predicate
   *     type or hash, {@link Failure#MALFORMED} for missing or mistyped fields, {@link
   *     Failure#UNSAFE_PATH} for unsafe or duplicate resource names
   */
  public static Manifest parse(byte[] payload) throws VerificationException {
    JsonObject st;
    try {
      st = Json.parseObject(payload, LIMITS);
    } catch (JsonException e) {
      throw new VerificationException(
          Failure.MALFORMED, "signed payload is not valid JSON: " + e.getMessage(), e);
    }
    try {
      return parse(st);
    } catch (JsonException e) {
      throw new VerificationException(
          Failure.MALFORMED, "malformed in-toto statement: " + e.getMessage(), e);
    }
  }

  private static Manifest parse(JsonObject st) throws VerificationException {
    String type = st.getString("_type");
    if (!type.equals(STATEMENT_TYPE)) {
      throw new VerificationException(
          Failure.UNSUPPORTED, "wrong statement type \"" + type + "\", expected " + STATEMENT_TYPE);
    }
    String predicateType = st.getString("predicateType");
    if (!predicateType.equals(PREDICATE_TYPE)) {
      throw new VerificationException(
          Failure.UNSUPPORTED,
          "wrong predicate type \"" + predicateType + "\", expected " + PREDICATE_TYPE);
    }
    JsonArray subjects = st.getArray("subject");
    if (subjects.size() != 1) {
      throw new VerificationException(
          Failure.MALFORMED, "statement must have exactly one subject, has " + subjects.size());
    }
    JsonObject subject = subjects.objects().get(0);
    String subjectName = subject.getString("name");
    String subjectDigest = subject.getObject("digest").getString(SHA256);

    JsonObject predicate = st.getObject("predicate");
    JsonObject ser = predicate.getObject("serialization");
    String method = ser.getString("method");
    String hashType = ser.getString("hash_type");
    checkHash(hashType);
    boolean allowSymlinks = ser.getBoolean("allow_symlinks");
    List<String> ignorePaths = new ArrayList<>();
    for (String p : ser.findArray("ignore_paths").orElse(JsonArray.of()).strings()) {
      var problem = PathRules.problem(p);
      if (problem.isPresent()) {
        throw new VerificationException(
            Failure.UNSAFE_PATH, "unsafe ignore path \"" + p + "\": " + problem.get());
      }
      ignorePaths.add(p);
    }
    Serialization serialization;
    switch (method) {
      case "files" -> {
        if (ser.has("shard_size")) {
          throw new VerificationException(
              Failure.MALFORMED, "files serialization must not have a shard_size");
        }
        serialization =
            new Serialization(Serialization.Method.FILES, 0, allowSymlinks, ignorePaths);
      }
      case "shards" -> {
        long size = ser.getLong("shard_size");
        if (size <= 0) {
          throw new VerificationException(Failure.MALFORMED, "shard_size must be positive");
        }
        serialization =
            new Serialization(Serialization.Method.SHARDS, size, allowSymlinks, ignorePaths);
      }
      default ->
          throw new VerificationException(
              Failure.UNSUPPORTED, "unsupported serialization method \"" + method + "\"");
    }

    JsonArray list = predicate.getArray("resources");
    if (list.isEmpty()) {
      throw new VerificationException(Failure.MALFORMED, "statement lists no resources");
    }
    List<Resource> resources = new ArrayList<>(list.size());
    Set<String> seen = new HashSet<>();
    for (JsonObject r : list.objects()) {
      String name = r.getString("name");
      String algorithm = r.getString("algorithm");
      String digest = r.getString("digest");
      checkHash(algorithm);
      if (!algorithm.equals(hashType)) {
        throw new VerificationException(
            Failure.MALFORMED, "resource " + name + " uses " + algorithm + ", not " + hashType);
      }
      if (!dev.modelfleet.signing.internal.Hex.isLowerHex(digest, 32)) {
        throw new VerificationException(
            Failure.MALFORMED, "resource " + name + " has a malformed sha256 digest");
      }
      String path = name;
      if (serialization.method() == Serialization.Method.SHARDS) {
        path =
            PathRules.shard(name)
                .orElseThrow(
                    () ->
                        new VerificationException(
                            Failure.MALFORMED, "malformed shard name \"" + name + "\""))
                .path();
      }
      var problem = PathRules.problem(path);
      if (problem.isPresent()) {
        throw new VerificationException(
            Failure.UNSAFE_PATH, "unsafe resource name \"" + name + "\": " + problem.get());
      }
      if (!seen.add(name)) {
        throw new VerificationException(
            Failure.UNSAFE_PATH, "duplicate resource name \"" + name + "\"");
      }
      resources.add(new Resource(name, algorithm, digest));
    }
    return new Manifest(subjectName, subjectDigest, resources, serialization);
  }

  private static void checkHash(String hash) throws VerificationException {
    if (!KNOWN_HASHES.contains(hash)) {
      throw new VerificationException(
          Failure.UNSUPPORTED, "unknown hash algorithm \"" + hash + "\"");
    }
    if (!hash.equals(SHA256)) {
      throw new VerificationException(
          Failure.UNSUPPORTED, "hash algorithm " + hash + " is not supported (only sha256)");
    }
  }
}
