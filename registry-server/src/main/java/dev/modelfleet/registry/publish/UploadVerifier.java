package dev.modelfleet.registry.publish;

import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufFormatException;
import dev.modelfleet.gguf.GgufReader;
import dev.modelfleet.registry.error.ErrorCode;
import dev.modelfleet.registry.error.RegistryException;
import dev.modelfleet.signing.VerificationException;
import dev.modelfleet.signing.VerificationKey;
import dev.modelfleet.signing.oms.ModelVerifier;
import dev.modelfleet.signing.oms.OmsBundle;
import dev.modelfleet.signing.oms.VerifiedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Decides whether a staged file may become a variant: a structurally valid GGUF whose tensor data
 * all lies inside the uploaded bytes, signed (OMS v1.0) by one of the model's active publisher
 * keys. Facts about the model are read from the file, never taken from the client.
 */
@Component
class UploadVerifier {

  /** What the file says about itself, and who signed it. */
  record Verified(
      String architecture,
      @Nullable Long contextLength,
      long parameterCount,
      long tensorCount,
      String quantType,
      String signingKeyId) {}

  /** Cheap structural checks first (milliseconds), then the signature (hashes the file). */
  Verified verify(
      Path staged, String fileName, @Nullable String bundleJson, List<VerificationKey> keys)
      throws IOException {
    OmsBundle bundle = parseBundle(bundleJson);
    GgufFile gguf = readGguf(staged);
    String architecture =
        gguf.architecture()
            .orElseThrow(
                () ->
                    new RegistryException(
                        ErrorCode.INVALID_GGUF,
                        "The GGUF file has no general.architecture; llama.cpp cannot load it."));
    GgmlType dominant =
        gguf.dominantType()
            .orElseThrow(
                () ->
                    new RegistryException(ErrorCode.INVALID_GGUF, "The GGUF file has no tensors."));
    if (keys.isEmpty()) {
      throw new RegistryException(
          ErrorCode.SIGNATURE_INVALID,
          "The model has no active publisher key, so no upload can be accepted.");
    }
    VerifiedModel verified;
    try {
      verified = ModelVerifier.forKeys(keys).build().verify(staged, bundle, null);
    } catch (VerificationException e) {
      throw new RegistryException(
          ErrorCode.SIGNATURE_INVALID,
          "The signature does not verify against the model's publisher keys: " + e.getMessage(),
          Map.of("check", e.failure().name()));
    }
    return new Verified(
        architecture,
        gguf.metadata().architectureLong("context_length").orElse(null),
        gguf.parameterCount(),
        gguf.tensors().size(),
        dominant.name(),
        verified.signer());
  }

  private static OmsBundle parseBundle(@Nullable String json) {
    if (json == null || json.isBlank()) {
      throw new RegistryException(
          ErrorCode.SIGNATURE_MISSING,
          "The upload has no OMS signature bundle; sign the file with the publisher key"
              + " (modelfleet sign) and send the bundle.");
    }
    try {
      return OmsBundle.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (VerificationException e) {
      throw new RegistryException(
          ErrorCode.SIGNATURE_INVALID,
          "The signature bundle is not a valid OMS v1.0 bundle: " + e.getMessage(),
          Map.of("check", e.failure().name()));
    }
  }

  private static GgufFile readGguf(Path staged) throws IOException {
    try {
      return GgufReader.readHeader(staged);
    } catch (GgufFormatException e) {
      String message = String.valueOf(e.getMessage());
      String lower = message.toLowerCase(Locale.ROOT);
      // The header promises bytes the upload does not have.
      boolean truncated =
          lower.contains("runs past the end")
              || lower.contains("truncated")
              || lower.contains("ended early");
      throw new RegistryException(
          truncated ? ErrorCode.GGUF_TRUNCATED : ErrorCode.INVALID_GGUF,
          (truncated ? "The GGUF file is truncated: " : "Not a valid GGUF file: ") + message,
          Map.of("offset", e.offset()));
    }
  }
}
