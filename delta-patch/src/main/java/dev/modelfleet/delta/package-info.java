/**
 * ModelFleet delta patches: values shared by the encoder ({@link dev.modelfleet.delta.create}), the
 * applier ({@link dev.modelfleet.delta.apply}) and the inspector ({@link
 * dev.modelfleet.delta.inspect}). The format is specified in {@code docs/formats/delta.md}.
 */
@NullMarked
package dev.modelfleet.delta;

import org.jspecify.annotations.NullMarked;
