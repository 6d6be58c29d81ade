package dev.modelfleet.registry.release;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ReleaseRepository extends JpaRepository<Release, Long> {
  Optional<Release> findByModelIdAndVersionLabel(long modelId, String versionLabel);

  Optional<Release> findByModelIdAndReleaseNumber(long modelId, long releaseNumber);

  List<Release> findByModelIdOrderByReleaseNumberDesc(long modelId);

  @Query("select coalesce(max(r.releaseNumber), 0) from Release r where r.modelId = ?1")
  long maxReleaseNumber(long modelId);
}
