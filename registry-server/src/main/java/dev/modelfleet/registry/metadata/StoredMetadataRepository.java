package dev.modelfleet.registry.metadata;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface StoredMetadataRepository extends JpaRepository<StoredMetadata, StoredMetadata.Key> {
  @Query(
      "select m from StoredMetadata m where m.key.modelId = ?1 and m.key.role = ?2"
          + " order by m.key.version desc limit 1")
  Optional<StoredMetadata> latest(long modelId, String role);

  @Query(
      "select m from StoredMetadata m where m.key.modelId = ?1 and m.key.role = ?2"
          + " and m.key.version = ?3")
  Optional<StoredMetadata> version(long modelId, String role, long version);
}
