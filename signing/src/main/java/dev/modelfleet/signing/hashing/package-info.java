/**
 * SHA-256 of files and byte ranges of files, in parallel: the hot path of signing and verifying
 * multi-gigabyte models. Positional reads into a per-task buffer, no memory mapping, so memory use
 * is independent of file size and files are never held open across tasks.
 */
@NullMarked
package dev.modelfleet.signing.hashing;

import org.jspecify.annotations.NullMarked;
