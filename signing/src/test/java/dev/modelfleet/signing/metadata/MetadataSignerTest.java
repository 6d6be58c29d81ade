package dev.modelfleet.signing.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfleet.signing.VerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A payload prepared elsewhere (pending targets) parsed and signed by the publisher. */
class MetadataSignerTest {
  final Repo repo = new Repo();
  final TargetsMetadata pending = repo.targets(4, Repo.NOW.plus(Duration.ofDays(90)));

  @Test
  void parsedPendingPayloadSignsTheExactBytesShown() throws Exception {
    byte[] payload = MetadataSigner.payload(pending);
    Metadata parsed = MetadataSigner.parsePayload(Role.TARGETS, payload);
    assertThat(parsed).isEqualTo(pending);

    byte[] envelope = Repo.sign(parsed, repo.publisher);
    RootMetadata root = repo.root(1, Repo.NOW.plus(Duration.ofDays(365)), List.of(repo.root1), 1);
    RootMetadata publisherSigned =
        new RootMetadata(
            root.version(),
            root.expires(),
            root.keys(),
            Map.of(
                Role.ROOT, root.keysFor(Role.ROOT),
                Role.TARGETS, new RoleKeys(List.of(Repo.id(repo.publisher)), 1),
                Role.SNAPSHOT, root.keysFor(Role.SNAPSHOT),
                Role.TIMESTAMP, root.keysFor(Role.TIMESTAMP),
                Role.DIRECTIVE, root.keysFor(Role.DIRECTIVE)),
            root.publishers());
    assertThat(TrustedMetadata.verifySignedBy(publisherSigned, Role.TARGETS, envelope))
        .isEqualTo(pending);
  }

  @Test
  void anotherRoleIsRefused() {
    byte[] payload = MetadataSigner.payload(pending);
    assertThatThrownBy(() -> MetadataSigner.parsePayload(Role.SNAPSHOT, payload))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("expected snapshot metadata, got \"targets\"");
  }

  @Test
  void nonCanonicalPayloadIsRefused() {
    byte[] payload =
        (" " + new String(MetadataSigner.payload(pending), StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> MetadataSigner.parsePayload(Role.TARGETS, payload))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("not RFC 8785 canonical JSON");
  }

  @Test
  void payloadWithUnknownFieldsIsRefusedRatherThanChanged() {
    String canonical = new String(MetadataSigner.payload(pending), StandardCharsets.UTF_8);
    // "_extra" sorts before "_type": still canonical, but the record cannot carry it.
    byte[] payload = ("{\"_extra\":1," + canonical.substring(1)).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> MetadataSigner.parsePayload(Role.TARGETS, payload))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("fields this version of the signing library does not know");
  }
}
