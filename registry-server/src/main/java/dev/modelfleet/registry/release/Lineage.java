package dev.modelfleet.registry.release;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a release comes from.
 *
 * @param baseModel the model it was trained or fine-tuned from
 * @param trainingRunId the training run (experiment tracker id, CI run, ...)
 * @param datasetDigest digest of the training data, {@code sha256:<hex>}
 * @param labels free-form key/value labels
 */
public record Lineage(
    @Nullable @Size(max = 300) String baseModel,
    @Nullable @Size(max = 300) String trainingRunId,
    @Nullable @Pattern(regexp = "sha256:[0-9a-f]{64}", message = "must be sha256:<64 hex digits>")
        String datasetDigest,
    @Nullable @Size(max = 64) Map<@Size(max = 64) String, @Size(max = 300) String> labels) {}
