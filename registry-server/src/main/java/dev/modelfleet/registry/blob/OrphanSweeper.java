package dev.modelfleet.registry.blob;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes blobs that no {@link BlobReferences} references and that are older than the grace period.
 * Blobs are written before the rows that reference them, so a publish that crashed between the two
 * leaves such an orphan; the grace period protects publishes still in flight.
 */
@Component
public class OrphanSweeper {
  private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);

  private final BlobStore store;
  private final List<BlobReferences> references;
  private final BlobProperties properties;
  private final Clock clock;
  private final Counter swept;

  OrphanSweeper(
      BlobStore store,
      List<BlobReferences> references,
      BlobProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.store = store;
    this.references = references;
    this.properties = properties;
    this.clock = clock;
    this.swept = meters.counter("modelfleet.blob.orphans.deleted");
  }

  @Scheduled(
      fixedDelayString = "${modelfleet.blob.sweeper.interval:1h}",
      initialDelayString = "${modelfleet.blob.sweeper.interval:1h}")
  void scheduled() {
    if (!properties.sweeper().enabled()) {
      return;
    }
    try {
      sweep();
    } catch (IOException | RuntimeException e) {
      log.warn("Orphan sweep failed; will retry next interval", e);
    }
  }

  /** One sweep; returns the digests it deleted. */
  public List<String> sweep() throws IOException {
    Instant cutoff = clock.instant().minus(properties.sweeper().grace());
    List<String> orphans = new ArrayList<>();
    store.forEach(
        blob -> {
          if (blob.lastModified().isBefore(cutoff)
              && references.stream().noneMatch(r -> r.references(blob.sha256()))) {
            orphans.add(blob.sha256());
          }
        });
    for (String sha256 : orphans) {
      // Re-check right before deleting: a publish may have referenced it meanwhile.
      if (references.stream().noneMatch(r -> r.references(sha256))) {
        try {
          store.delete(sha256);
          swept.increment();
          log.info("Deleted orphaned blob {}", sha256);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return orphans;
  }
}
