/**
 * Hardware profiles: named requirement sets (arch, CPU features, RAM, accelerator, OS/API level).
 */
@NullMarked
package dev.modelfleet.registry.profile;

import org.jspecify.annotations.NullMarked;
