package dev.modelfleet.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfleet.cli.common.CommandFailedException;
import dev.modelfleet.signing.json.JsonObject;
import dev.modelfleet.signing.metadata.MetaFile;
import dev.modelfleet.signing.metadata.Metadata;
import dev.modelfleet.signing.metadata.MetadataSigner;
import dev.modelfleet.signing.metadata.Role;
import dev.modelfleet.signing.metadata.SnapshotMetadata;
import dev.modelfleet.signing.metadata.TargetEntry;
import dev.modelfleet.signing.metadata.TargetInfo;
import dev.modelfleet.signing.metadata.TargetsMetadata;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What `targets sign` refuses to sign, checked on pending documents as the registry encodes them
 * (the full flow against a real registry is in registry-server's TargetsSignFullStackTest).
 */
class TargetsCommandTest {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  static TargetsMetadata targets(String model, Instant expires) {
    TargetEntry e =
        new TargetEntry(
            model + "/3/phone/m.gguf",
            1234,
            "ab".repeat(32),
            new TargetInfo(
                model,
                3,
                "phone",
                "acme",
                "cd".repeat(32),
                JsonObject.builder().build(),
                JsonObject.builder().build()));
    return new TargetsMetadata(7, expires, Map.of(e.name(), e));
  }

  static JsonObject pending(Metadata m, long version, String payloadType) {
    return JsonObject.builder()
        .put("version", version)
        .put("expires", m.expires().toString())
        .put("payloadType", payloadType)
        .put("payload", Base64.getEncoder().encodeToString(MetadataSigner.payload(m)))
        .build();
  }

  static JsonObject pending(TargetsMetadata t) {
    return pending(t, t.version(), Role.TARGETS.payloadType());
  }

  @Test
  void unexpiredTargetsOfTheModelAreAccepted() {
    TargetsMetadata t = targets("assistant", NOW.plusSeconds(3600));
    assertThat(TargetsCommand.Sign.pendingTargets("assistant", pending(t), NOW)).isEqualTo(t);
  }

  @Test
  void expiredTargetsAreRefused() {
    TargetsMetadata t = targets("assistant", NOW.minusSeconds(1));
    assertThatThrownBy(() -> TargetsCommand.Sign.pendingTargets("assistant", pending(t), NOW))
        .isInstanceOf(CommandFailedException.class)
        .hasMessage(
            "refusing to sign the pending targets of model assistant: it expired at"
                + " 2026-06-01T11:59:59Z");
  }

  @Test
  void targetsOfAnotherModelAreRefused() {
    TargetsMetadata t = targets("other", NOW.plusSeconds(3600));
    assertThatThrownBy(() -> TargetsCommand.Sign.pendingTargets("assistant", pending(t), NOW))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining("target other/3/phone/m.gguf belongs to model \"other\"");
  }

  @Test
  void anotherRoleIsRefused() {
    SnapshotMetadata s =
        new SnapshotMetadata(7, NOW.plusSeconds(3600), new MetaFile(7, 100, "ef".repeat(32)));
    assertThatThrownBy(
            () ->
                TargetsCommand.Sign.pendingTargets(
                    "assistant", pending(s, 7, Role.TARGETS.payloadType()), NOW))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining("not valid targets metadata")
        .hasMessageContaining("expected targets metadata, got \"snapshot\"");
    assertThatThrownBy(
            () ->
                TargetsCommand.Sign.pendingTargets(
                    "assistant", pending(s, 7, Role.SNAPSHOT.payloadType()), NOW))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining("not targets metadata");
  }

  @Test
  void aVersionOtherThanAnnouncedIsRefused() {
    TargetsMetadata t = targets("assistant", NOW.plusSeconds(3600));
    assertThatThrownBy(
            () ->
                TargetsCommand.Sign.pendingTargets(
                    "assistant", pending(t, 8, Role.TARGETS.payloadType()), NOW))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining("announced version 8 but the payload is version 7");
  }
}
