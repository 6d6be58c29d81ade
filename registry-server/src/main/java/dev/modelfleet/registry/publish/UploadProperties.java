package dev.modelfleet.registry.publish;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code modelfleet.upload.*}.
 *
 * @param maxFileSize largest variant file accepted
 * @param sessionTtl how long an upload session may stay open (resumable) before it expires
 * @param stagingDir where bytes wait until commit; {@code <data-dir>/staging} when absent. With
 *     several replicas it must be a shared volume (or uploads need sticky sessions).
 * @param minFreeSpace refuse new sessions when less than this plus the file would remain free
 * @param maxSignatureSize largest OMS bundle accepted
 * @param recommendedChunkSize chunk size suggested to clients
 */
@ConfigurationProperties("modelfleet.upload")
public record UploadProperties(
    @DefaultValue("64GB") DataSize maxFileSize,
    @DefaultValue("24h") Duration sessionTtl,
    @Nullable Path stagingDir,
    @DefaultValue("512MB") DataSize minFreeSpace,
    @DefaultValue("4MB") DataSize maxSignatureSize,
    @DefaultValue("64MB") DataSize recommendedChunkSize) {}
