package dev.modelfleet.delta.apply;

import dev.modelfleet.delta.internal.io.DirectFileWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The temporary target file written with direct I/O (ADR 0011). */
final class DirectOutput implements TargetOutput {
  private final DirectFileWriter file;

  private DirectOutput(DirectFileWriter file) {
    this.file = file;
  }

  /** {@code null} where direct I/O is not available for {@code temp}. */
  static @Nullable TargetOutput open(Path temp) {
    DirectFileWriter w = DirectFileWriter.open(temp);
    return w == null ? null : new DirectOutput(w);
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    file.write(src);
  }

  @Override
  public void complete() throws IOException {
    file.finish();
  }

  @Override
  public void force() throws IOException {
    file.finish();
    file.channel().force(true);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
