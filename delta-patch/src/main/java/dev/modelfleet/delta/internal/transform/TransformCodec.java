package dev.modelfleet.delta.internal.transform;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;

/**
 * One transform of the patch format: its encoder and its inverse. Implementations are stateless.
 */
public interface TransformCodec {

  /** Bytes per element or block; a transformed length is always a multiple of it. */
  int unit();

  /**
   * Appends to {@code out} the payload that turns {@code old[oldOff, oldOff+length)} into {@code
   * neu[newOff, newOff+length)}.
   *
   * @throws IllegalArgumentException if {@code length} is not a multiple of {@link #unit()}
   */
  void encode(byte[] old, int oldOff, byte[] neu, int newOff, int length, ByteBuilder out);

  /**
   * Replaces the old bytes in {@code buf[off, off+length)} by the new bytes described by the
   * payload {@code payload[pOff, pOff+pLen)}.
   *
   * @throws PatchException (reason {@code CORRUPT}) if the length is not a multiple of the unit or
   *     the payload does not have exactly the length this transform defines for it
   */
  void apply(byte[] buf, int off, int length, byte[] payload, int pOff, int pLen)
      throws PatchException;
}
