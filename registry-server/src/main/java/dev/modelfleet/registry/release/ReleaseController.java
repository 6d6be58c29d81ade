package dev.modelfleet.registry.release;

import dev.modelfleet.registry.blob.BlobProperties;
import dev.modelfleet.registry.blob.BlobStore;
import dev.modelfleet.registry.support.RegistryProperties;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/models/{model}")
class ReleaseController {
  private final ReleaseCatalog catalog;
  private final BlobStore blobs;
  private final BlobProperties blobProperties;
  private final RegistryProperties registry;
  private final Clock clock;

  ReleaseController(
      ReleaseCatalog catalog,
      BlobStore blobs,
      BlobProperties blobProperties,
      RegistryProperties registry,
      Clock clock) {
    this.catalog = catalog;
    this.blobs = blobs;
    this.blobProperties = blobProperties;
    this.registry = registry;
    this.clock = clock;
  }

  record RevokeRequest(@NotBlank @Size(max = 1000) String reason) {}

  record ChannelRequest(@NotBlank String version) {}

  @Operation(summary = "Create a release (PUBLISHER)")
  @PostMapping("/releases")
  @ResponseStatus(HttpStatus.CREATED)
  ReleaseView create(@PathVariable String model, @Valid @RequestBody CreateReleaseRequest request) {
    return catalog.create(model, request);
  }

  @Operation(summary = "Releases of a model, newest first")
  @GetMapping("/releases")
  List<ReleaseView> list(@PathVariable String model) {
    return catalog.list(model);
  }

  @Operation(summary = "One release with its variants")
  @GetMapping("/releases/{version}")
  ReleaseView get(@PathVariable String model, @PathVariable String version) {
    return catalog.get(model, version);
  }

  @Operation(summary = "Deprecate a release (PUBLISHER)")
  @PostMapping("/releases/{version}/deprecate")
  ReleaseView deprecate(@PathVariable String model, @PathVariable String version) {
    return catalog.deprecate(model, version);
  }

  @Operation(
      summary =
          "Revoke a release (PUBLISHER, FLEET_MANAGER): it leaves the signed targets and its"
              + " channels are cleared")
  @PostMapping("/releases/{version}/revoke")
  ReleaseView revoke(
      @PathVariable String model,
      @PathVariable String version,
      @Valid @RequestBody RevokeRequest request) {
    return catalog.revoke(model, version, request.reason());
  }

  @Operation(
      summary =
          "A short-lived direct download link for a variant (presigned S3 or signed filesystem URL)")
  @GetMapping("/releases/{version}/variants/{profile}/download")
  DownloadLink download(
      @PathVariable String model, @PathVariable String version, @PathVariable String profile) {
    VariantView v = catalog.variant(model, version, profile);
    URI configured = registry.publicUrl();
    URI base =
        configured != null
            ? configured
            : ServletUriComponentsBuilder.fromCurrentContextPath().build().toUri();
    Duration ttl = blobProperties.downloadUrlTtl();
    return new DownloadLink(
        blobs.downloadUrl(v.sha256(), v.fileName(), ttl, base),
        v.sha256(),
        v.size(),
        clock.instant().plus(ttl));
  }

  @Operation(summary = "Channels of a model")
  @GetMapping("/channels")
  List<ChannelView> channels(@PathVariable String model) {
    return catalog.channels(model);
  }

  @Operation(summary = "Point a channel at a release (PUBLISHER, FLEET_MANAGER)")
  @PutMapping("/channels/{channel}")
  ChannelView setChannel(
      @PathVariable String model,
      @PathVariable String channel,
      @Valid @RequestBody ChannelRequest request) {
    return catalog.setChannel(model, channel, request.version());
  }
}
