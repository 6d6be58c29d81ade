package dev.modelfleet.registry.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the registry was killed (no shutdown hook ran), its embedded postmaster keeps running and
 * holds the data directory. The next start stops that orphan first; PostgreSQL's own crash recovery
 * then keeps the data consistent.
 */
final class StalePostmaster {
  private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

  private StalePostmaster() {}

  static void stopIfRunning(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
    if (lines.isEmpty()) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty() || !isPostgres(process.get())) {
      return; // PostgreSQL itself ignores a pid file whose process is gone.
    }
    ProcessHandle postmaster = process.get();
    log.warn("Stopping orphaned embedded PostgreSQL (pid {}) left by an earlier run", pid);
    postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown
    try {
      postmaster.onExit().get(60, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new IOException("orphaned PostgreSQL (pid " + pid + ") did not stop in 60 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping an orphaned PostgreSQL", e);
    }
  }

  private static boolean isPostgres(ProcessHandle p) {
    return p.info()
        .command()
        .map(c -> c.endsWith("/postgres") || c.endsWith("\\postgres.exe"))
        .orElse(false);
  }
}
