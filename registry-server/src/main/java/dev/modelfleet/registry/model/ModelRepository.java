package dev.modelfleet.registry.model;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface ModelRepository extends JpaRepository<Model, Long> {
  Optional<Model> findByName(String name);

  List<Model> findAllByOrderByName();

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select m from Model m where m.id = ?1")
  Optional<Model> lockById(long id);
}
