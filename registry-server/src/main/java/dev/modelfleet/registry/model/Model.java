package dev.modelfleet.registry.model;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "model")
class Model {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private @Nullable Long id;

  @Column(nullable = false, unique = true)
  private String name;

  private @Nullable String description;

  @Enumerated(EnumType.STRING)
  @Column(name = "targets_signing", nullable = false)
  private TargetsSigning targetsSigning;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @OneToMany(mappedBy = "model", cascade = CascadeType.ALL)
  @OrderBy("id")
  private List<PublisherKey> keys = new ArrayList<>();

  @Version private long version;

  @SuppressWarnings("NullAway.Init")
  protected Model() {}

  Model(
      String name, @Nullable String description, TargetsSigning targetsSigning, Instant createdAt) {
    this.name = name;
    this.description = description;
    this.targetsSigning = targetsSigning;
    this.createdAt = createdAt;
  }

  long id() {
    if (id == null) {
      throw new IllegalStateException("model not saved yet");
    }
    return id;
  }

  String name() {
    return name;
  }

  TargetsSigning targetsSigning() {
    return targetsSigning;
  }

  List<PublisherKey> keys() {
    return keys;
  }

  void addKey(PublisherKey key) {
    keys.add(key);
  }

  ModelView view() {
    return new ModelView(
        name,
        description,
        targetsSigning,
        keys.stream().map(PublisherKey::view).toList(),
        createdAt);
  }
}
