package dev.modelfleet.registry.audit;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface AuditEventRepository extends JpaRepository<AuditEvent, Long> {
  Page<AuditEvent> findAllByOrderByIdDesc(Pageable page);

  Page<AuditEvent> findByTargetTypeAndTargetOrderByIdDesc(
      String targetType, String target, Pageable page);

  Page<AuditEvent> findByTargetTypeOrderByIdDesc(String targetType, Pageable page);
}
