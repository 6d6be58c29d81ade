package dev.modelfleet.registry.publish;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface UploadSessionRepository extends JpaRepository<UploadSession, UUID> {
  List<UploadSession>
      findByModelIdAndReleaseVersionAndProfileIdAndFileNameAndDeclaredSizeAndDeclaredSha256AndCreatedByAndStatus(
          long modelId,
          String releaseVersion,
          long profileId,
          String fileName,
          long declaredSize,
          String declaredSha256,
          String createdBy,
          UploadStatus status);

  List<UploadSession> findByStatusAndExpiresAtBefore(UploadStatus status, Instant before);

  List<UploadSession> findByStatusAndUpdatedAtBefore(UploadStatus status, Instant before);

  List<UploadSession> findByStatus(UploadStatus status);
}
