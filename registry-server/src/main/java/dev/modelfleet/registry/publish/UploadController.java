package dev.modelfleet.registry.publish;

import dev.modelfleet.registry.release.VariantView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Resumable uploads: {@code POST /uploads} opens a session, {@code PUT /uploads/{id}} with {@code
 * Upload-Offset} appends a chunk (streamed to disk), {@code GET} tells where to resume, {@code POST
 * /uploads/{id}/commit} verifies and publishes.
 */
@RestController
@RequestMapping("/api/v1/uploads")
class UploadController {
  static final String UPLOAD_OFFSET = "Upload-Offset";

  private final Uploads uploads;

  UploadController(Uploads uploads) {
    this.uploads = uploads;
  }

  /**
   * @param signatureBundle the OMS v1.0 bundle file's text
   */
  record CommitRequest(@Nullable String signatureBundle) {}

  @Operation(summary = "Open (or resume) an upload session (PUBLISHER)")
  @PostMapping
  ResponseEntity<UploadView> open(@Valid @RequestBody CreateUploadRequest request)
      throws IOException {
    UploadView view = uploads.open(request);
    return ResponseEntity.created(URI.create("/api/v1/uploads/" + view.id()))
        .header(UPLOAD_OFFSET, Long.toString(view.offset()))
        .body(view);
  }

  @Operation(summary = "An upload session and the offset to resume from")
  @GetMapping("/{id}")
  ResponseEntity<UploadView> get(@PathVariable UUID id) throws IOException {
    UploadView view = uploads.get(id);
    return ResponseEntity.ok().header(UPLOAD_OFFSET, Long.toString(view.offset())).body(view);
  }

  @Operation(
      summary = "Append a chunk starting at Upload-Offset (streamed to disk, never buffered)",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
                      schema = @Schema(type = "string", format = "binary"))))
  @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
  ResponseEntity<UploadView> append(
      @PathVariable UUID id, @RequestHeader(UPLOAD_OFFSET) long offset, HttpServletRequest request)
      throws IOException {
    long length = request.getContentLengthLong();
    UploadView view =
        uploads.append(id, offset, length >= 0 ? length : null, request.getInputStream());
    return ResponseEntity.ok().header(UPLOAD_OFFSET, Long.toString(view.offset())).body(view);
  }

  @Operation(summary = "Verify (GGUF, publisher signature) and publish the uploaded variant")
  @PostMapping("/{id}/commit")
  @ResponseStatus(HttpStatus.CREATED)
  VariantView commit(@PathVariable UUID id, @RequestBody CommitRequest request) throws IOException {
    return uploads.commit(id, request.signatureBundle());
  }

  @Operation(summary = "Abort an upload and delete its bytes")
  @DeleteMapping("/{id}")
  UploadView abort(@PathVariable UUID id) throws IOException {
    return uploads.abort(id);
  }
}
