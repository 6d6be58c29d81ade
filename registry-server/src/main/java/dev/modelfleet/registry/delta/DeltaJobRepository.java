package dev.modelfleet.registry.delta;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface DeltaJobRepository extends JpaRepository<DeltaJob, Long> {
  List<DeltaJob> findByModelIdOrderById(long modelId);

  boolean existsBySourceVariantIdAndTargetVariantId(long source, long target);

  boolean existsByPatchSha256(String sha256);

  long countByStatus(DeltaJobStatus status);
}
