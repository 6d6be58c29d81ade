package dev.modelfleet.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanSweeperTest {
  @TempDir Path dir;

  static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  String store(FilesystemBlobStore store, String content, Instant modified) throws Exception {
    Path f = Files.writeString(dir.resolve("tmp-" + content), content);
    String sha = Digests.sha256(f);
    store.put(f, sha);
    Files.setLastModifiedTime(store.pathOf(sha), FileTime.from(modified));
    return sha;
  }

  @Test
  void deletesOnlyUnreferencedBlobsOlderThanTheGracePeriod() throws Exception {
    FilesystemBlobStore store =
        new FilesystemBlobStore(dir.resolve("blobs"), new UrlSigner(new byte[32]), clock);
    String referenced = store(store, "referenced", NOW.minus(Duration.ofDays(2)));
    String orphan = store(store, "orphan", NOW.minus(Duration.ofDays(2)));
    String young = store(store, "young", NOW.minus(Duration.ofMinutes(5)));
    Set<String> rows = Set.of(referenced);
    BlobProperties properties =
        new BlobProperties(
            BlobProperties.Type.FILESYSTEM,
            Duration.ofHours(1),
            new BlobProperties.Filesystem(null, null),
            new BlobProperties.S3(null, "us-east-1", null, false, null, null, "", null, null),
            new BlobProperties.Sweeper(true, Duration.ofHours(1), Duration.ofHours(6)));
    OrphanSweeper sweeper =
        new OrphanSweeper(
            store, List.of(rows::contains), properties, clock, new SimpleMeterRegistry());

    assertThat(sweeper.sweep()).containsExactly(orphan);
    assertThat(store.find(orphan)).isEmpty();
    assertThat(store.find(referenced)).isPresent();
    assertThat(store.find(young)).isPresent();
  }
}
