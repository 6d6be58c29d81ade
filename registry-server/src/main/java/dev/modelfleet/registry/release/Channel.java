package dev.modelfleet.registry.release;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "channel")
class Channel {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private @Nullable Long id;

  @Column(name = "model_id", nullable = false)
  private long modelId;

  @Column(nullable = false)
  private String name;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "release_id")
  private @Nullable Release release;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  @SuppressWarnings("NullAway.Init")
  protected Channel() {}

  Channel(long modelId, String name, Release release, Instant at) {
    this.modelId = modelId;
    this.name = name;
    this.release = release;
    this.updatedAt = at;
  }

  String name() {
    return name;
  }

  @Nullable Release release() {
    return release;
  }

  void point(@Nullable Release release, Instant at) {
    this.release = release;
    this.updatedAt = at;
  }

  ChannelView view() {
    Release r = release;
    return new ChannelView(
        name, r == null ? null : r.versionLabel(), r == null ? null : r.releaseNumber(), updatedAt);
  }
}
