/** {@code modelfleet gguf}: inspect, generate and derive GGUF model files. */
@NullMarked
package dev.modelfleet.cli.gguf;

import org.jspecify.annotations.NullMarked;
