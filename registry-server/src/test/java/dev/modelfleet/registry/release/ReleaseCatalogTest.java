package dev.modelfleet.registry.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfleet.registry.audit.AuditEntry;
import dev.modelfleet.registry.audit.AuditLog;
import dev.modelfleet.registry.error.ErrorCode;
import dev.modelfleet.registry.error.RegistryException;
import dev.modelfleet.registry.model.CreateModelRequest;
import dev.modelfleet.registry.model.ModelCatalog;
import dev.modelfleet.registry.profile.ProfileCatalog;
import dev.modelfleet.registry.profile.ProfileRequest;
import dev.modelfleet.registry.testing.TestModels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/** Release rules through the real services, database and method security. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@WithMockUser(
    username = "ci",
    roles = {"ADMIN"})
class ReleaseCatalogTest {
  @Autowired ReleaseCatalog releases;
  @Autowired ModelCatalog models;
  @Autowired ProfileCatalog profiles;
  @Autowired AuditLog audit;

  void model(String name) {
    models.create(
        new CreateModelRequest(name, null, List.of(TestModels.publicPem(TestModels.key(5))), null));
  }

  CreateReleaseRequest release(String version, Long number) {
    return new CreateReleaseRequest(version, number, null, null, null);
  }

  @Test
  void releaseNumbersAreMonotonicAndNeverReused() {
    model("numbers");
    assertThat(releases.create("numbers", release("1.0.0", null)).releaseNumber()).isEqualTo(1);
    assertThat(releases.create("numbers", release("1.1.0", 5L)).releaseNumber()).isEqualTo(5);
    assertThat(releases.create("numbers", release("1.2.0", null)).releaseNumber()).isEqualTo(6);

    assertThatThrownBy(() -> releases.create("numbers", release("2.0.0", 5L)))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RELEASE_EXISTS));
    assertThatThrownBy(() -> releases.create("numbers", release("2.0.0", 3L)))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RELEASE_NUMBER_NOT_INCREASING);
              assertThat(e.properties()).containsEntry("highestReleaseNumber", 6L);
            });
    assertThatThrownBy(() -> releases.create("numbers", release("1.0.0", null)))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RELEASE_EXISTS));
    assertThatThrownBy(() -> releases.create("numbers", release("v1", null)))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VERSION));
  }

  @Test
  void validationSpecNamingAnUnknownProfileIsRefused() {
    model("spec");
    ValidationSpec spec =
        new ValidationSpec(null, null, Map.of("no-such-profile", 10.0), null, null);
    assertThatThrownBy(
            () ->
                releases.create("spec", new CreateReleaseRequest("1.0.0", null, null, null, spec)))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PROFILE));
  }

  @Test
  void revokingClearsChannelsAndIsAuditedWithBeforeAndAfter() {
    model("revoke");
    profiles.create(new ProfileRequest("revoke-cpu", null, "x86_64", null, null, null, null, null));
    releases.create("revoke", release("1.0.0", null));
    releases.setChannel("revoke", "stable", "1.0.0");
    releases.revoke("revoke", "1.0.0", "hallucinates");

    assertThat(releases.get("revoke", "1.0.0").status()).isEqualTo(ReleaseStatus.REVOKED);
    assertThat(releases.channels("revoke"))
        .singleElement()
        .satisfies(c -> assertThat(c.version()).isNull());
    assertThatThrownBy(() -> releases.setChannel("revoke", "stable", "1.0.0"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RELEASE_REVOKED));

    List<AuditEntry> entries = audit.search("release", "revoke@1.0.0", 0, 10);
    assertThat(entries).extracting(AuditEntry::action).contains("release.revoke", "release.create");
    AuditEntry revoke = entries.get(0);
    assertThat(revoke.actor()).isEqualTo("ci");
    assertThat(revoke.before()).contains("\"status\":\"ACTIVE\"");
    assertThat(revoke.after()).contains("\"status\":\"REVOKED\"").contains("hallucinates");
  }

  @Test
  @WithMockUser(
      username = "viewer",
      roles = {"VIEWER"})
  void viewerMayReadButNotCreate() {
    assertThat(models.list()).isNotNull();
    assertThatThrownBy(() -> releases.create("anything", release("1.0.0", null)))
        .isInstanceOf(AuthorizationDeniedException.class);
    assertThatThrownBy(() -> audit.search(null, null, 0, 10))
        .isInstanceOf(AuthorizationDeniedException.class);
  }
}
