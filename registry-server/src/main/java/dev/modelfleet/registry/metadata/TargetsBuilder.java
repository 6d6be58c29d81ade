package dev.modelfleet.registry.metadata;

import dev.modelfleet.registry.blob.Digests;
import dev.modelfleet.registry.model.ModelRef;
import dev.modelfleet.registry.profile.ProfileCatalog;
import dev.modelfleet.registry.profile.ProfileView;
import dev.modelfleet.registry.release.PublishedVariant;
import dev.modelfleet.registry.release.ReleaseCatalog;
import dev.modelfleet.registry.release.VariantRef;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonNull;
import dev.modelfleet.signing.json.JsonObject;
import dev.modelfleet.signing.json.JsonValue;
import dev.modelfleet.signing.metadata.TargetEntry;
import dev.modelfleet.signing.metadata.TargetInfo;
import dev.modelfleet.signing.metadata.TargetsMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The targets a model's devices may install: every variant of its non-revoked releases, named
 * {@code <model>/<release number>/<profile>/<file>}, with the profile's requirements and the
 * release's validation spec.
 */
@Component
class TargetsBuilder {
  private final ReleaseCatalog releases;
  private final ProfileCatalog profiles;
  private final JsonMapper json;

  TargetsBuilder(ReleaseCatalog releases, ProfileCatalog profiles, JsonMapper json) {
    this.releases = releases;
    this.profiles = profiles;
    this.json = json;
  }

  TargetsMetadata build(ModelRef model, long version, Instant expires) {
    Map<String, TargetEntry> entries = new TreeMap<>();
    Map<String, JsonObject> hardware = new HashMap<>();
    for (PublishedVariant pv : releases.publishedVariants(model.id())) {
      VariantRef v = pv.variant();
      String name = model.name() + "/" + v.releaseNumber() + "/" + v.profile() + "/" + v.fileName();
      JsonObject requirements = hardware.computeIfAbsent(v.profile(), this::hardware);
      String spec = pv.validationJson();
      JsonObject validation =
          spec == null ? JsonObject.builder().build() : withoutNulls(Json.parseObject(spec));
      String bundleSha =
          HexFormat.of()
              .formatHex(
                  Digests.sha256().digest(pv.signatureBundle().getBytes(StandardCharsets.UTF_8)));
      entries.put(
          name,
          new TargetEntry(
              name,
              v.size(),
              v.sha256(),
              new TargetInfo(
                  model.name(),
                  v.releaseNumber(),
                  v.profile(),
                  model.name(),
                  bundleSha,
                  requirements,
                  validation)));
    }
    return new TargetsMetadata(version, expires, entries);
  }

  private JsonObject hardware(String profile) {
    ProfileView view = profiles.find(profile).orElse(null);
    if (view == null) {
      return JsonObject.builder().build();
    }
    JsonObject all = Json.parseObject(json.writeValueAsString(view));
    return withoutNulls(all).toBuilder().remove("createdAt").remove("description").build();
  }

  /** Absent and null mean the same here; dropping nulls keeps documents small and canonical. */
  static JsonObject withoutNulls(JsonObject o) {
    JsonObject.Builder b = JsonObject.builder();
    for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
      JsonValue v = e.getValue();
      if (v instanceof JsonNull) {
        continue;
      }
      b.put(e.getKey(), v instanceof JsonObject child ? withoutNulls(child) : v);
    }
    return b.build();
  }
}
