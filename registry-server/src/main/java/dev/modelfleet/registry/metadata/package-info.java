/**
 * Signed repository metadata per model (root, targets, snapshot, timestamp; TUF/Uptane style, the
 * signing module's formats): the registry's online keys, re-signing whenever the catalog changes or
 * documents near expiry, publisher-signed targets for models that choose them, and cached,
 * ETag-validated GETs.
 */
@NullMarked
package dev.modelfleet.registry.metadata;

import org.jspecify.annotations.NullMarked;
