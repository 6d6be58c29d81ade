/** Small helpers every feature uses: name and version rules, the caller's identity for audits. */
@NullMarked
package dev.modelfleet.registry.support;

import org.jspecify.annotations.NullMarked;
