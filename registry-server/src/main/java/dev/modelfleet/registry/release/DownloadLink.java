package dev.modelfleet.registry.release;

import java.net.URI;
import java.time.Instant;

/** Where to download a variant directly from the blob store (not through the API). */
public record DownloadLink(URI url, String sha256, long size, Instant expiresAt) {}
