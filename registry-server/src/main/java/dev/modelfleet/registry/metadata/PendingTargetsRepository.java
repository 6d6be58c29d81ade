package dev.modelfleet.registry.metadata;

import org.springframework.data.jpa.repository.JpaRepository;

interface PendingTargetsRepository extends JpaRepository<PendingTargets, Long> {}
