package dev.modelfleet.registry.delta;

import dev.modelfleet.registry.blob.BlobReferences;
import dev.modelfleet.registry.error.ErrorCode;
import dev.modelfleet.registry.error.RegistryException;
import dev.modelfleet.registry.model.ModelCatalog;
import dev.modelfleet.registry.model.ModelRef;
import dev.modelfleet.registry.release.ReleaseCatalog;
import dev.modelfleet.registry.release.VariantRef;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Delta jobs: planning, claiming, recording results, and the API's read side. */
@Service
public class DeltaJobs implements BlobReferences {
  private final DeltaJobRepository jobs;
  private final ReleaseCatalog releases;
  private final ModelCatalog models;
  private final JdbcTemplate jdbc;
  private final DeltaProperties properties;
  private final Clock clock;

  DeltaJobs(
      DeltaJobRepository jobs,
      ReleaseCatalog releases,
      ModelCatalog models,
      JdbcTemplate jdbc,
      DeltaProperties properties,
      Clock clock) {
    this.jobs = jobs;
    this.releases = releases;
    this.models = models;
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Queues patches from earlier releases' variants of the same profile to {@code variantId}. Its
   * own transaction: it runs after the publishing transaction committed.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public int plan(long variantId) {
    Optional<VariantRef> target = releases.findVariant(variantId);
    if (target.isEmpty()) {
      return 0;
    }
    int queued = 0;
    for (VariantRef source : releases.previousVariants(variantId, properties.previousReleases())) {
      if (!source.sha256().equals(target.get().sha256())
          && !jobs.existsBySourceVariantIdAndTargetVariantId(source.id(), variantId)) {
        jobs.save(new DeltaJob(target.get().modelId(), source.id(), variantId, clock.instant()));
        queued++;
      }
    }
    return queued;
  }

  /** Claims the oldest queued job for this worker, skipping jobs other replicas hold. */
  @Transactional
  public Optional<Long> claim() {
    List<Long> ids =
        jdbc.queryForList(
            "update delta_job set status = 'RUNNING', attempts = attempts + 1, started_at = ?,"
                + " finished_at = null where id = (select id from delta_job where status ="
                + " 'QUEUED' order by id for update skip locked limit 1) returning id",
            Long.class,
            Timestamp.from(clock.instant()));
    return ids.stream().findFirst();
  }

  /** What a worker needs to run a claimed job. */
  record Work(long jobId, VariantRef source, VariantRef target, int attempts) {}

  @Transactional(readOnly = true)
  Optional<Work> work(long jobId) {
    return jobs.findById(jobId)
        .flatMap(
            j ->
                releases
                    .findVariant(j.sourceVariantId())
                    .flatMap(
                        s ->
                            releases
                                .findVariant(j.targetVariantId())
                                .map(t -> new Work(j.id(), s, t, j.attempts()))));
  }

  @Transactional
  void succeeded(long jobId, String strategy, String sha256, long size) {
    job(jobId).succeed(strategy, sha256, size, clock.instant());
  }

  @Transactional
  void failed(long jobId, String error) {
    DeltaJob j = job(jobId);
    j.fail(error, j.attempts() < properties.maxAttempts(), clock.instant());
  }

  /** Re-queues RUNNING jobs whose replica died mid-job. */
  @Transactional
  public int requeueStale() {
    Instant cutoff = clock.instant().minus(properties.staleAfter());
    return jdbc.update(
        "update delta_job set status = 'QUEUED' where status = 'RUNNING' and started_at < ?",
        Timestamp.from(cutoff));
  }

  @PreAuthorize("hasRole('VIEWER')")
  @Transactional(readOnly = true)
  public List<DeltaJobView> list(String modelName, @Nullable String release) {
    ModelRef model = models.require(modelName);
    return jobs.findByModelIdOrderById(model.id()).stream()
        .map(j -> view(model, j))
        .filter(v -> release == null || v.targetRelease().equals(release))
        .toList();
  }

  @PreAuthorize("hasRole('VIEWER')")
  @Transactional(readOnly = true)
  public DeltaJobView get(long id) {
    DeltaJob j = job(id);
    ModelRef model =
        models
            .findById(j.modelId())
            .orElseThrow(() -> new RegistryException(ErrorCode.MODEL_NOT_FOUND, "No such model."));
    return view(model, j);
  }

  @Override
  @Transactional(readOnly = true)
  public boolean references(String sha256) {
    return jobs.existsByPatchSha256(sha256);
  }

  private DeltaJob job(long id) {
    return jobs.findById(id)
        .orElseThrow(
            () -> new RegistryException(ErrorCode.DELTA_JOB_NOT_FOUND, "No delta job " + id + "."));
  }

  private DeltaJobView view(ModelRef model, DeltaJob j) {
    VariantRef source = releases.findVariant(j.sourceVariantId()).orElseThrow();
    VariantRef target = releases.findVariant(j.targetVariantId()).orElseThrow();
    Long size = j.patchSize();
    Instant started = j.startedAt();
    Instant finished = j.finishedAt();
    return new DeltaJobView(
        j.id(),
        model.name(),
        target.profile(),
        source.version(),
        target.version(),
        j.status(),
        j.attempts(),
        j.strategy(),
        j.patchSha256(),
        size,
        target.size(),
        size == null || target.size() == 0 ? null : (double) size / target.size(),
        j.error(),
        j.createdAt(),
        started,
        finished,
        started == null || finished == null
            ? null
            : Duration.between(started, finished).toMillis());
  }
}
