package dev.modelfleet.signing.oms;

import java.util.List;
import java.util.Objects;

/**
 * What a successful verification established.
 *
 * @param method how the signer was identified
 * @param signer the key id (hex SHA-256 of the SPKI DER) or the certificate subject
 * @param subjectName the statement's informational model name
 * @param subjectDigest hex SHA-256 over the concatenated resource digests
 * @param serialization how the model was hashed
 * @param resources every signed file or shard, sorted by name
 */
public record VerifiedModel(
    SigningMethod method,
    String signer,
    String subjectName,
    String subjectDigest,
    Serialization serialization,
    List<Resource> resources) {
  public VerifiedModel {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(signer, "signer");
    resources = List.copyOf(resources);
  }
}
