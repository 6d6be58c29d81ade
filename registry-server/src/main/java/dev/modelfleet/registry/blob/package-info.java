/**
 * Content-addressed blob storage (by SHA-256, identical files stored once) with filesystem and S3
 * implementations, download links that keep API nodes out of the data path (presigned S3 URLs, or
 * HMAC-signed, expiring, Range-capable filesystem URLs), and the orphan sweeper that keeps the
 * store and the database in agreement.
 */
@NullMarked
package dev.modelfleet.registry.blob;

import org.jspecify.annotations.NullMarked;
