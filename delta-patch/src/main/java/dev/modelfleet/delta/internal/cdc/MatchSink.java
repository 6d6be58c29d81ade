package dev.modelfleet.delta.internal.cdc;

import java.io.IOException;

/** Receives a target range as copies and literals, in target order, covering it without gaps. */
public interface MatchSink {
  void copy(long sourceOffset, long targetOffset, long length) throws IOException;

  void literal(long targetOffset, long length) throws IOException;
}
