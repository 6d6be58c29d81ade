package dev.modelfleet.registry.blob;

import dev.modelfleet.registry.error.ErrorCode;
import dev.modelfleet.registry.error.RegistryException;
import dev.modelfleet.registry.support.Names;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves filesystem blobs for signed, expiring links (no other authentication: the link is the
 * credential). Spring MVC answers {@code Range} requests on the returned resource with 206, so
 * downloads resume.
 */
@RestController
class BlobDownloadController {
  private final BlobStore store;
  private final Clock clock;

  BlobDownloadController(BlobStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Operation(summary = "Download a blob through a signed link (filesystem store); supports Range")
  @GetMapping("/blobs/{sha256}")
  ResponseEntity<Resource> download(
      @PathVariable String sha256,
      @RequestParam String name,
      @RequestParam long expires,
      @RequestParam String sig) {
    if (!(store instanceof FilesystemBlobStore fs)) {
      throw new RegistryException(ErrorCode.NOT_FOUND, "This registry serves blobs from S3.");
    }
    if (!Digests.isSha256(sha256)
        || !Names.isSafeFileName(name)
        || clock.instant().getEpochSecond() > expires
        || !fs.signer().verify(sha256, name, expires, sig)) {
      throw new RegistryException(
          ErrorCode.DOWNLOAD_LINK_INVALID,
          "This download link is invalid or has expired; ask the registry for a new one.");
    }
    Path file = fs.pathOf(sha256);
    if (!Files.isRegularFile(file)) {
      throw new RegistryException(ErrorCode.BLOB_NOT_FOUND, "The blob no longer exists.");
    }
    long maxAge = Math.max(0, expires - clock.instant().getEpochSecond());
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .cacheControl(CacheControl.maxAge(Duration.ofSeconds(maxAge)).cachePrivate())
        .eTag("\"" + sha256 + "\"")
        .header(
            "Content-Disposition",
            ContentDisposition.attachment().filename(name).build().toString())
        .body(new FileSystemResource(file));
  }
}
