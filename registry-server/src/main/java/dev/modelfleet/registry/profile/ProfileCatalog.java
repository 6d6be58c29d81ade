package dev.modelfleet.registry.profile;

import dev.modelfleet.registry.audit.AuditLog;
import dev.modelfleet.registry.error.ErrorCode;
import dev.modelfleet.registry.error.RegistryException;
import dev.modelfleet.registry.support.Names;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Hardware profiles; other features refer to them by id through this API. */
@Service
public class ProfileCatalog {
  private final HardwareProfileRepository profiles;
  private final AuditLog audit;
  private final Clock clock;

  ProfileCatalog(HardwareProfileRepository profiles, AuditLog audit, Clock clock) {
    this.profiles = profiles;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Creates a profile.
   *
   * @throws RegistryException {@code INVALID_NAME} or {@code PROFILE_EXISTS}
   */
  @PreAuthorize("hasAnyRole('PUBLISHER', 'FLEET_MANAGER')")
  @Transactional
  public ProfileView create(ProfileRequest request) {
    Names.requireSlug("Profile name", request.name());
    if (profiles.findByName(request.name()).isPresent()) {
      throw new RegistryException(
          ErrorCode.PROFILE_EXISTS, "Hardware profile " + request.name() + " already exists.");
    }
    ProfileView view = profiles.save(new HardwareProfile(request, clock.instant())).view();
    audit.record("profile.create", "profile", view.name(), null, view);
    return view;
  }

  @PreAuthorize("hasRole('VIEWER')")
  @Transactional(readOnly = true)
  public List<ProfileView> list() {
    return profiles.findAllByOrderByName().stream().map(HardwareProfile::view).toList();
  }

  /**
   * @throws RegistryException {@code PROFILE_NOT_FOUND}
   */
  @PreAuthorize("hasRole('VIEWER')")
  @Transactional(readOnly = true)
  public ProfileView get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new RegistryException(
                    ErrorCode.PROFILE_NOT_FOUND, "No hardware profile named " + name + "."));
  }

  @Transactional(readOnly = true)
  public Optional<ProfileView> find(String name) {
    return profiles.findByName(name).map(HardwareProfile::view);
  }

  /**
   * The id of profile {@code name}, for features that reference profiles.
   *
   * @throws RegistryException {@code UNKNOWN_PROFILE} (the request named a profile that does not
   *     exist)
   */
  @Transactional(readOnly = true)
  public long requireId(String name) {
    return profiles
        .findByName(name)
        .map(HardwareProfile::id)
        .orElseThrow(
            () ->
                new RegistryException(
                    ErrorCode.UNKNOWN_PROFILE,
                    "Unknown hardware profile " + name + "; create it first.",
                    Map.of("profile", name)));
  }

  /** Names of the profiles with these ids. */
  @Transactional(readOnly = true)
  public Map<Long, String> namesById(Collection<Long> ids) {
    return profiles.findAllByIdIn(ids).stream()
        .collect(Collectors.toMap(HardwareProfile::id, HardwareProfile::name));
  }
}
