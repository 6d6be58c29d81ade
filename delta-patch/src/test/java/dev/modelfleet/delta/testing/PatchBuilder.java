package dev.modelfleet.delta.testing;

import com.github.luben.zstd.ZstdCompressCtx;
import dev.modelfleet.delta.Sha256;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;
import dev.modelfleet.delta.internal.format.DictionaryLiterals;
import dev.modelfleet.delta.internal.format.OpWriter;
import dev.modelfleet.delta.internal.format.PatchHeader;
import dev.modelfleet.delta.internal.format.SectionWriter;
import dev.modelfleet.delta.internal.transform.Transform;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds patches operation by operation, for tests that need patches the encoder would not write
 * (every transform, offsets past 4 GiB, deliberately broken structure). Sections are
 * zstd-compressed at level 3.
 */
public final class PatchBuilder {
  private final long sourceSize;
  private final Sha256 sourceSha;
  private final List<byte[]> sections = new ArrayList<>();
  private ByteBuilder ops = new ByteBuilder(1024);
  private long sectionLength;
  private long targetOffset;

  public PatchBuilder(long sourceSize, Sha256 sourceSha) {
    this.sourceSize = sourceSize;
    this.sourceSha = sourceSha;
  }

  public PatchBuilder copy(long sourceOffset, long length) {
    OpWriter.copy(ops, sourceOffset, length);
    sectionLength += length;
    return this;
  }

  public PatchBuilder literal(byte[] data) {
    OpWriter.literal(ops, data, 0, data.length);
    sectionLength += data.length;
    return this;
  }

  /**
   * A dictionary literal of {@code data} against {@code dictionary}, the source at {@code offset}.
   */
  public PatchBuilder dictionaryLiteral(long offset, byte[] dictionary, byte[] data) {
    byte[] payload = DictionaryLiterals.encode(dictionary, data, 0, data.length, 5);
    OpWriter.dictionaryLiteral(
        ops, offset, dictionary.length, data.length, payload, 0, payload.length);
    sectionLength += data.length;
    return this;
  }

  /** A transform turning {@code old} (the source at {@code sourceOffset}) into {@code neu}. */
  public PatchBuilder transform(Transform t, long sourceOffset, byte[] old, byte[] neu) {
    OpWriter.transform(ops, t, sourceOffset, old, 0, neu, 0, neu.length);
    sectionLength += neu.length;
    return this;
  }

  /** Ends the current section (if it has operations). */
  public PatchBuilder endSection() {
    if (sectionLength > 0) {
      try (ZstdCompressCtx z = new ZstdCompressCtx()) {
        z.setLevel(3);
        sections.add(SectionWriter.data(ops.array(), ops.size(), targetOffset, sectionLength, z));
      }
      targetOffset += sectionLength;
      sectionLength = 0;
      ops = new ByteBuilder(1024);
    }
    return this;
  }

  /** Target bytes described so far. */
  public long targetSize() {
    return targetOffset + sectionLength;
  }

  /** The patch, promising a target with this SHA-256. */
  public byte[] build(Sha256 targetSha) {
    endSection();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new PatchHeader(sourceSize, sourceSha, targetOffset, targetSha).encode());
    for (byte[] s : sections) {
      out.writeBytes(s);
    }
    out.writeBytes(SectionWriter.end(targetOffset));
    return out.toByteArray();
  }

  /** The sections built so far (each header, payload and CRC). */
  public List<byte[]> sections() {
    endSection();
    return List.copyOf(sections);
  }

  public static Sha256 sha256(byte[] data) {
    return Sha256.of(Sha256.newDigest().digest(data));
  }
}
