package dev.modelfleet.registry.metadata;

import dev.modelfleet.registry.model.ModelCatalog;
import dev.modelfleet.registry.model.ModelChanged;
import dev.modelfleet.registry.model.ModelRef;
import dev.modelfleet.registry.release.CatalogChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Re-signs metadata right after a catalog change commits (so a revocation reaches devices with the
 * next timestamp they fetch) and periodically for documents nearing expiry.
 */
@Component
class MetadataRefresher {
  private static final Logger log = LoggerFactory.getLogger(MetadataRefresher.class);

  private final RepositoryMetadata metadata;
  private final ModelCatalog models;

  MetadataRefresher(RepositoryMetadata metadata, ModelCatalog models) {
    this.metadata = metadata;
    this.models = models;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void on(CatalogChanged event) {
    refresh(event.modelId());
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void on(ModelChanged event) {
    refresh(event.modelId());
  }

  @Scheduled(
      fixedDelayString = "${modelfleet.metadata.refresh-interval:5m}",
      initialDelayString = "PT5S")
  void refreshAll() {
    for (ModelRef m : models.all()) {
      refresh(m.id());
    }
  }

  private void refresh(long modelId) {
    try {
      metadata.refresh(modelId);
    } catch (RuntimeException e) {
      // The periodic refresh retries; the catalog change itself has committed.
      log.error("Could not refresh signed metadata of model {}", modelId, e);
    }
  }
}
