package dev.modelfleet.registry.profile;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface HardwareProfileRepository extends JpaRepository<HardwareProfile, Long> {
  Optional<HardwareProfile> findByName(String name);

  List<HardwareProfile> findAllByOrderByName();

  List<HardwareProfile> findAllByIdIn(Collection<Long> ids);
}
