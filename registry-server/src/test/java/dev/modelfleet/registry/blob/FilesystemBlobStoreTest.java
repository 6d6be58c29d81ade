package dev.modelfleet.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.util.UriComponentsBuilder;

class FilesystemBlobStoreTest {
  @TempDir Path dir;
  final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void storesByContentAndSignsExpiringLinks() throws Exception {
    UrlSigner signer = new UrlSigner("k".repeat(32).getBytes());
    FilesystemBlobStore store = new FilesystemBlobStore(dir.resolve("blobs"), signer, clock);
    Path f = Files.writeString(dir.resolve("x"), "hello");
    String sha = Digests.sha256(f);
    store.put(f, sha);
    assertThat(store.pathOf(sha)).hasContent("hello");
    assertThat(f).doesNotExist();

    URI link = store.downloadUrl(sha, "x.gguf", Duration.ofMinutes(10), URI.create("http://r:1"));
    var q = UriComponentsBuilder.fromUri(link).build().getQueryParams();
    long expires = Long.parseLong(q.getFirst("expires"));
    assertThat(expires).isEqualTo(clock.instant().plusSeconds(600).getEpochSecond());
    assertThat(signer.verify(sha, "x.gguf", expires, q.getFirst("sig"))).isTrue();
    assertThat(signer.verify(sha, "y.gguf", expires, q.getFirst("sig"))).isFalse();
    assertThat(signer.verify(sha, "x.gguf", expires + 1, q.getFirst("sig"))).isFalse();
  }

  @Test
  void rejectsKeysThatAreNotDigests() throws Exception {
    FilesystemBlobStore store =
        new FilesystemBlobStore(dir.resolve("blobs"), new UrlSigner(new byte[32]), clock);
    assertThatThrownBy(() -> store.pathOf("../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
