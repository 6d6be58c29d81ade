package dev.modelfleet.signing.metadata;

import dev.modelfleet.signing.internal.Hex;
import dev.modelfleet.signing.json.JsonObject;
import java.util.Objects;

/**
 * The custom fields of a target: which model variant the file is and how to check it.
 *
 * @param model logical model name, e.g. {@code assistant}
 * @param release monotonic release number
 * @param variant variant name, e.g. {@code q4_k_m}
 * @param publisher publisher whose OMS keys (in root) must have signed the file
 * @param omsBundleSha256 hex SHA-256 of the publisher's OMS bundle file for this target
 * @param hardware hardware requirements (free-form object defined by the registry)
 * @param validation validation spec (free-form object defined by the registry)
 */
public record TargetInfo(
    String model,
    long release,
    String variant,
    String publisher,
    String omsBundleSha256,
    JsonObject hardware,
    JsonObject validation) {
  public TargetInfo {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(hardware, "hardware");
    Objects.requireNonNull(validation, "validation");
    if (release < 0) {
      throw new IllegalArgumentException("release must not be negative");
    }
    if (!Hex.isLowerHex(omsBundleSha256, 32)) {
      throw new IllegalArgumentException("omsBundleSha256 must be 64 lowercase hex digits");
    }
  }
}
