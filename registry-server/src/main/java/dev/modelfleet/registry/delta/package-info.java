/**
 * Background delta jobs: after a variant is published, patches from the same profile's variants of
 * the previous N releases are computed with the delta-patch library and stored as blobs. Jobs are
 * rows claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work and a crash only
 * re-queues a job.
 */
@NullMarked
package dev.modelfleet.registry.delta;

import org.jspecify.annotations.NullMarked;
