package dev.modelfleet.registry.release;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ChannelRepository extends JpaRepository<Channel, Long> {
  Optional<Channel> findByModelIdAndName(long modelId, String name);

  List<Channel> findByModelIdOrderByName(long modelId);

  List<Channel> findByRelease(Release release);
}
