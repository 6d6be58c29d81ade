package dev.modelfleet.registry.release;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface VariantRepository extends JpaRepository<Variant, Long> {
  boolean existsBySha256(String sha256);

  @Query(
      "select v from Variant v join fetch v.release r where r.modelId = ?1 and v.profileId = ?2"
          + " and r.releaseNumber < ?3 and r.status <> ?4 order by r.releaseNumber desc")
  List<Variant> previous(long modelId, long profileId, long releaseNumber, ReleaseStatus excluded);

  @Query(
      "select v from Variant v join fetch v.release r where r.modelId = ?1"
          + " order by r.releaseNumber, v.id")
  List<Variant> allOfModel(long modelId);
}
