package dev.modelfleet.registry.metadata;

import dev.modelfleet.signing.metadata.Role;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Signed metadata files per model, with strong ETags ({@code If-None-Match} answers 304). */
@RestController
@RequestMapping("/api/v1/models/{model}/metadata")
class MetadataController {
  private final RepositoryMetadata metadata;

  MetadataController(RepositoryMetadata metadata) {
    this.metadata = metadata;
  }

  /** The document a publisher signs: DSSE payload type and base64 payload. */
  record PendingView(long version, Instant expires, String payloadType, String payload) {}

  @Operation(summary = "Latest signed root metadata")
  @GetMapping("/root.json")
  ResponseEntity<byte[]> root(
      @PathVariable String model,
      @RequestHeader(name = "If-None-Match", required = false) @Nullable String ifNoneMatch) {
    return serve(metadata.current(model, Role.ROOT), ifNoneMatch, false);
  }

  @Operation(summary = "One version of the root metadata (for walking the chain of roots)")
  @GetMapping("/{version}.root.json")
  ResponseEntity<byte[]> rootVersion(
      @PathVariable String model,
      @PathVariable long version,
      @RequestHeader(name = "If-None-Match", required = false) @Nullable String ifNoneMatch) {
    return serve(metadata.root(model, version), ifNoneMatch, true);
  }

  @Operation(summary = "Latest signed targets metadata")
  @GetMapping("/targets.json")
  ResponseEntity<byte[]> targets(
      @PathVariable String model,
      @RequestHeader(name = "If-None-Match", required = false) @Nullable String ifNoneMatch) {
    return serve(metadata.current(model, Role.TARGETS), ifNoneMatch, false);
  }

  @Operation(summary = "Latest signed snapshot metadata")
  @GetMapping("/snapshot.json")
  ResponseEntity<byte[]> snapshot(
      @PathVariable String model,
      @RequestHeader(name = "If-None-Match", required = false) @Nullable String ifNoneMatch) {
    return serve(metadata.current(model, Role.SNAPSHOT), ifNoneMatch, false);
  }

  @Operation(summary = "Latest signed timestamp metadata")
  @GetMapping("/timestamp.json")
  ResponseEntity<byte[]> timestamp(
      @PathVariable String model,
      @RequestHeader(name = "If-None-Match", required = false) @Nullable String ifNoneMatch) {
    return serve(metadata.current(model, Role.TIMESTAMP), ifNoneMatch, false);
  }

  @Operation(summary = "Targets waiting for the publisher's offline signature (PUBLISHER)")
  @GetMapping("/targets/pending")
  PendingView pending(@PathVariable String model) {
    RepositoryMetadata.Pending p = metadata.pendingTargets(model);
    return new PendingView(
        p.version(), p.expires(), p.payloadType(), Base64.getEncoder().encodeToString(p.payload()));
  }

  @Operation(summary = "Upload publisher-signed targets (DSSE envelope of the pending payload)")
  @PutMapping(path = "/targets.json", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Void> uploadTargets(@PathVariable String model, @RequestBody byte[] envelope) {
    metadata.uploadTargets(model, envelope);
    return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
  }

  /** The same response as {@link #serve} for the servlet fast path. */
  static void write(
      MetadataDocument doc,
      @Nullable String ifNoneMatch,
      jakarta.servlet.http.HttpServletResponse response)
      throws java.io.IOException {
    response.setHeader("ETag", doc.etag());
    response.setHeader("Cache-Control", "no-cache");
    if (doc.etag().equals(ifNoneMatch)) {
      response.setStatus(HttpStatus.NOT_MODIFIED.value());
      return;
    }
    response.setStatus(HttpStatus.OK.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setHeader("X-Metadata-Version", Long.toString(doc.version()));
    response.setContentLength(doc.content().length);
    response.getOutputStream().write(doc.content());
  }

  private static ResponseEntity<byte[]> serve(
      MetadataDocument doc, @Nullable String ifNoneMatch, boolean immutable) {
    CacheControl cache =
        immutable ? CacheControl.maxAge(java.time.Duration.ofDays(365)) : CacheControl.noCache();
    if (doc.etag().equals(ifNoneMatch)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
          .eTag(doc.etag())
          .cacheControl(cache)
          .build();
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .eTag(doc.etag())
        .cacheControl(cache)
        .header("X-Metadata-Version", Long.toString(doc.version()))
        .body(doc.content());
  }
}
