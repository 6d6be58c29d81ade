package dev.modelfleet.delta.internal.transform;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;

/** Transform 1: the payload is the byte-wise XOR of old and new. */
final class XorCodec implements TransformCodec {

  @Override
  public int unit() {
    return 1;
  }

  @Override
  public void encode(byte[] old, int oldOff, byte[] neu, int newOff, int length, ByteBuilder out) {
    int at = out.reserve(length);
    byte[] o = out.array();
    for (int i = 0; i < length; i++) {
      o[at + i] = (byte) (old[oldOff + i] ^ neu[newOff + i]);
    }
  }

  @Override
  public void apply(byte[] buf, int off, int length, byte[] payload, int pOff, int pLen)
      throws PatchException {
    if (pLen != length) {
      throw Corrupt.of("XOR transform of " + length + " bytes has a payload of " + pLen + " bytes");
    }
    for (int i = 0; i < length; i++) {
      buf[off + i] ^= payload[pOff + i];
    }
  }
}
