package dev.modelfleet.registry.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "hardware_profile")
class HardwareProfile {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private @Nullable Long id;

  @Column(nullable = false, unique = true)
  private String name;

  private @Nullable String description;

  @Column(nullable = false)
  private String arch;

  @Column(name = "cpu_features", nullable = false)
  private String cpuFeatures;

  @Column(name = "min_ram_mb")
  private @Nullable Integer minRamMb;

  private @Nullable String accelerator;

  private @Nullable String os;

  @Column(name = "min_api_level")
  private @Nullable Integer minApiLevel;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Version private long version;

  @SuppressWarnings("NullAway.Init")
  protected HardwareProfile() {}

  HardwareProfile(ProfileRequest r, Instant createdAt) {
    this.name = r.name();
    this.description = r.description();
    this.arch = r.arch();
    this.cpuFeatures = String.join(",", r.cpuFeatures() == null ? List.of() : r.cpuFeatures());
    this.minRamMb = r.minRamMb();
    this.accelerator = r.accelerator();
    this.os = r.os();
    this.minApiLevel = r.minApiLevel();
    this.createdAt = createdAt;
  }

  long id() {
    if (id == null) {
      throw new IllegalStateException("profile not saved yet");
    }
    return id;
  }

  String name() {
    return name;
  }

  ProfileView view() {
    List<String> features =
        cpuFeatures.isEmpty() ? List.of() : Arrays.asList(cpuFeatures.split(","));
    return new ProfileView(
        name, description, arch, features, minRamMb, accelerator, os, minApiLevel, createdAt);
  }
}
