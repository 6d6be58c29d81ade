/** Implementation of repository metadata: JSON codecs, envelopes and threshold checks. */
@NullMarked
package dev.modelfleet.signing.metadata.internal;

import org.jspecify.annotations.NullMarked;
