/**
 * Publishing: resumable chunked upload sessions streamed to a staging file (never buffered in
 * memory), then, on commit, GGUF structure and the publisher's OMS signature checked against the
 * model's registered keys before the file becomes a blob and a variant. A refused upload leaves
 * nothing behind.
 */
@NullMarked
package dev.modelfleet.registry.publish;

import org.jspecify.annotations.NullMarked;
