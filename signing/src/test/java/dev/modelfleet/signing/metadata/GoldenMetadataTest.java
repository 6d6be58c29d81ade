package dev.modelfleet.signing.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.signing.Fixtures;
import dev.modelfleet.signing.metadata.Repo.Moment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The example files in docs/formats/examples/metadata are the contract: they must verify, and the
 * signer must reproduce them byte for byte (signing is deterministic). Regenerate after an intended
 * format change with {@code -Dmodelfleet.updateGolden=true}.
 */
class GoldenMetadataTest {
  static final Path DIR = Fixtures.testdata().getParent().resolve("docs/formats/examples/metadata");

  static Map<String, byte[]> generate() {
    Repo repo = new Repo();
    Moment m = repo.moment(1);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("root.json", m.root());
    files.put("timestamp.json", m.timestamp());
    files.put("snapshot.json", m.snapshot());
    files.put("targets.json", m.targets());
    files.put(
        "directive.json",
        repo.directive(
            "device-0042",
            "assistant/3/q4_k_m.gguf",
            "c2f1e0d9a8b7",
            Instant.parse("2026-06-01T13:00:00Z")));
    return files;
  }

  @Test
  void goldenFilesAreWhatTheSignerProduces() throws IOException {
    Map<String, byte[]> files = generate();
    if (Boolean.getBoolean("modelfleet.updateGolden")) {
      Files.createDirectories(DIR);
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        Files.write(DIR.resolve(e.getKey()), e.getValue());
      }
    }
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      assertThat(new String(Files.readAllBytes(DIR.resolve(e.getKey())), StandardCharsets.UTF_8))
          .as(e.getKey())
          .isEqualTo(new String(e.getValue(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void goldenFilesVerifyInOrder() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-06-01T12:30:00Z"), ZoneOffset.UTC);
    TrustedMetadata t = TrustedMetadata.load(read("root.json"), VersionFloor.NONE, clock);
    t.updateTimestamp(read("timestamp.json"));
    t.updateSnapshot(read("snapshot.json"));
    TargetsMetadata targets = t.updateTargets(read("targets.json"));
    VerifiedDirective d = t.verifyDirective(read("directive.json"), "device-0042", "c2f1e0d9a8b7");

    assertThat(targets.targets()).containsOnlyKeys("assistant/3/q4_k_m.gguf");
    assertThat(d.target().info().variant()).isEqualTo("q4_k_m");
    assertThat(t.floor()).isEqualTo(new VersionFloor(1, 1, 1, 1));
  }

  static byte[] read(String name) throws IOException {
    return Files.readAllBytes(DIR.resolve(name));
  }
}
