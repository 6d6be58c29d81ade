package dev.modelfleet.signing.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Dead Simple Signing Envelope (DSSE v1) pre-authentication encoding. */
public final class Dsse {
  private Dsse() {}

  /**
   * {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths as ASCII decimal byte
   * counts. This, not the payload, is what DSSE signatures sign.
   */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
    byte[] head = ("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII);
    out.write(head, 0, head.length);
    out.write(type, 0, type.length);
    byte[] mid = (" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII);
    out.write(mid, 0, mid.length);
    out.write(payload, 0, payload.length);
    return out.toByteArray();
  }
}
