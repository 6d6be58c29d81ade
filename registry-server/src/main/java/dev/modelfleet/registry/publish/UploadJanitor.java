package dev.modelfleet.registry.publish;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps staging and sessions consistent after expiries and crashes: expired sessions lose their
 * bytes; a commit interrupted by a crash (VERIFYING for too long) reopens if its bytes are still
 * staged, else fails; staged files without an open session are deleted.
 */
@Component
class UploadJanitor {
  private static final Logger log = LoggerFactory.getLogger(UploadJanitor.class);
  static final Duration STUCK_VERIFYING = Duration.ofHours(1);

  private final UploadSessionRepository sessions;
  private final StagingArea staging;
  private final TransactionTemplate tx;
  private final Clock clock;

  UploadJanitor(
      UploadSessionRepository sessions, StagingArea staging, TransactionTemplate tx, Clock clock) {
    this.sessions = sessions;
    this.staging = staging;
    this.tx = tx;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
  void scheduled() {
    try {
      clean();
    } catch (IOException | RuntimeException e) {
      log.warn("Upload cleanup failed; will retry", e);
    }
  }

  void clean() throws IOException {
    Instant now = clock.instant();
    tx.executeWithoutResult(
        t -> {
          for (UploadSession s : sessions.findByStatusAndExpiresAtBefore(UploadStatus.OPEN, now)) {
            s.moveTo(UploadStatus.EXPIRED, now);
          }
          for (UploadSession s :
              sessions.findByStatusAndUpdatedAtBefore(
                  UploadStatus.VERIFYING, now.minus(STUCK_VERIFYING))) {
            if (java.nio.file.Files.exists(staging.path(s.id()))) {
              s.moveTo(UploadStatus.OPEN, now);
            } else {
              s.fail("INTERNAL_ERROR", "The registry stopped while verifying this upload.", now);
            }
          }
        });
    Set<UUID> keep = new HashSet<>();
    sessions.findByStatus(UploadStatus.OPEN).forEach(s -> keep.add(s.id()));
    sessions.findByStatus(UploadStatus.VERIFYING).forEach(s -> keep.add(s.id()));
    for (UUID id : staging.stagedIds()) {
      // Young files may belong to a session whose row is being written right now.
      if (!keep.contains(id)
          && java.nio.file.Files.getLastModifiedTime(staging.path(id))
              .toInstant()
              .isBefore(now.minus(Duration.ofMinutes(10)))) {
        staging.delete(id);
        log.info("Deleted staged bytes of closed upload {}", id);
      }
    }
  }
}
