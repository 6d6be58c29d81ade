package dev.modelfleet.registry.metadata;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code modelfleet.metadata.*}.
 *
 * @param keysDir where online keys are read from, or generated into on first start ({@code
 *     <data-dir>/keys} when absent): {@code root.pem}, {@code targets.pem}, {@code snapshot.pem},
 *     {@code timestamp.pem}, {@code directive.pem}
 * @param keys PEM private keys given directly (e.g. from environment variables such as {@code
 *     MODELFLEET_METADATA_KEYS_TIMESTAMP}); they win over files
 * @param rootExpiry validity of root metadata
 * @param targetsExpiry validity of targets metadata
 * @param snapshotExpiry validity of snapshot metadata
 * @param timestampExpiry validity of timestamp metadata (short: it bounds freeze attacks)
 * @param cacheTtl how long a replica serves a document from memory before checking the database
 * @param refreshInterval how often documents nearing expiry are re-signed
 */
@ConfigurationProperties("modelfleet.metadata")
record MetadataProperties(
    @Nullable Path keysDir,
    @DefaultValue Keys keys,
    @DefaultValue("365d") Duration rootExpiry,
    @DefaultValue("90d") Duration targetsExpiry,
    @DefaultValue("7d") Duration snapshotExpiry,
    @DefaultValue("1d") Duration timestampExpiry,
    @DefaultValue("2s") Duration cacheTtl,
    @DefaultValue("5m") Duration refreshInterval) {

  /** PEM private keys (unencrypted PKCS#8) per role; absent ones come from {@code keysDir}. */
  record Keys(
      @Nullable String root,
      @Nullable String targets,
      @Nullable String snapshot,
      @Nullable String timestamp,
      @Nullable String directive) {}
}
