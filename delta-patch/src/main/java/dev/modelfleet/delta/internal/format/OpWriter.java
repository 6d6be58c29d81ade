package dev.modelfleet.delta.internal.format;

import dev.modelfleet.delta.internal.bytes.ByteBuilder;
import dev.modelfleet.delta.internal.transform.Transform;

/** Appends operations to a decoded section payload. */
public final class OpWriter {
  private OpWriter() {}

  public static void copy(ByteBuilder out, long sourceOffset, long length) {
    out.write(PatchFormat.OP_COPY);
    out.writeVarint(sourceOffset);
    out.writeVarint(length);
  }

  public static void literal(ByteBuilder out, byte[] data, int off, int length) {
    out.write(PatchFormat.OP_LITERAL);
    out.writeVarint(length);
    out.write(data, off, length);
  }

  /**
   * Appends a transform operation whose payload is produced by {@code transform}'s encoder from
   * {@code old} and {@code neu}.
   */
  public static void transform(
      ByteBuilder out,
      Transform transform,
      long sourceOffset,
      byte[] old,
      int oldOff,
      byte[] neu,
      int newOff,
      int length) {
    out.write(PatchFormat.OP_TRANSFORM);
    out.write(transform.id());
    out.writeVarint(sourceOffset);
    out.writeVarint(length);
    // The payload's length comes first and varints are minimal: encode the payload first.
    ByteBuilder payload = new ByteBuilder(length + 64);
    transform.codec().encode(old, oldOff, neu, newOff, length, payload);
    out.writeVarint(payload.size());
    out.write(payload.array(), 0, payload.size());
  }
}
