package dev.modelfleet.delta.internal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.PatchException.Reason;
import dev.modelfleet.delta.Sha256;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;
import dev.modelfleet.delta.internal.bytes.Le;
import dev.modelfleet.delta.internal.transform.Transform;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class FormatTest {
  static final Sha256 A = Sha256.fromHex("aa".repeat(32));
  static final Sha256 B = Sha256.fromHex("bb".repeat(32));

  static void assertReason(ThrowingCallable c, Reason r, String message) {
    assertThatThrownBy(c)
        .isInstanceOf(PatchException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((PatchException) e).reason())
        .isEqualTo(r);
  }

  @Test
  void crc32cIsTheCastagnoliCrc() {
    CRC32C c = new CRC32C();
    c.update("123456789".getBytes(StandardCharsets.US_ASCII));
    assertThat(c.getValue()).isEqualTo(0xE3069283L);
  }

  @Test
  void headersRoundTripAndStartWithTheMagic() throws PatchException {
    PatchHeader h = new PatchHeader(5, A, 1L << 40, B);
    byte[] b = h.encode();
    assertThat(b).hasSize(100).startsWith(0x89, 'M', 'F', 'D', '\r', '\n', 0x1A, '\n');
    assertThat(PatchHeader.decode(b, 100)).isEqualTo(h);
  }

  @Test
  void headerChecksComeInTheDocumentedOrder() {
    byte[] good = new PatchHeader(5, A, 6, B).encode();
    assertReason(() -> PatchHeader.decode(good, 0), Reason.TRUNCATED, "empty");
    assertReason(() -> PatchHeader.decode(good, 5), Reason.TRUNCATED, "inside its header");
    assertReason(() -> PatchHeader.decode(good, 99), Reason.TRUNCATED, "inside its header");
    byte[] gguf = Arrays.copyOf("GGUF".getBytes(StandardCharsets.US_ASCII), 100);
    assertReason(() -> PatchHeader.decode(gguf, 100), Reason.NOT_A_PATCH, "bad magic");
    // An unknown version is reported as such even though the checksum no longer matches.
    byte[] v9 = good.clone();
    Le.put32(v9, 8, 9);
    assertReason(() -> PatchHeader.decode(v9, 100), Reason.UNSUPPORTED_VERSION, "version 9");
    assertReason(() -> PatchHeader.decode(v9, 11), Reason.TRUNCATED, "inside its header");
    byte[] crc = good.clone();
    crc[30] ^= 1;
    assertReason(() -> PatchHeader.decode(crc, 100), Reason.CORRUPT, "checksum");
    byte[] flags = good.clone();
    Le.put32(flags, 12, 4);
    recrc(flags);
    assertReason(() -> PatchHeader.decode(flags, 100), Reason.UNSUPPORTED_VERSION, "flags 0x4");
    byte[] huge = good.clone();
    Le.put64(huge, 56, -1);
    recrc(huge);
    assertReason(() -> PatchHeader.decode(huge, 100), Reason.CORRUPT, "2^63");
  }

  static void recrc(byte[] h) {
    CRC32C c = new CRC32C();
    c.update(h, 0, 96);
    Le.put32(h, 96, c.getValue());
  }

  static byte[] sectionHeader(int kind, int codec, long stored, long raw, long off, long len) {
    byte[] b = new byte[32];
    b[0] = (byte) kind;
    b[1] = (byte) codec;
    Le.put32(b, 4, stored);
    Le.put32(b, 8, raw);
    Le.put64(b, 16, off);
    Le.put64(b, 24, len);
    return b;
  }

  @Test
  void sectionHeadersAreChecked() throws PatchException {
    assertThat(SectionHeader.decode(sectionHeader(1, 1, 10, 20, 0, 5), 0).rawLength())
        .isEqualTo(20);
    assertThat(SectionHeader.decode(sectionHeader(2, 0, 0, 0, 7, 0), 0).isEnd()).isTrue();
    byte[] reserved = sectionHeader(1, 0, 1, 1, 0, 1);
    reserved[13] = 1;
    assertReason(() -> SectionHeader.decode(reserved, 0), Reason.CORRUPT, "reserved");
    assertReason(
        () -> SectionHeader.decode(sectionHeader(1, 0, 5 << 20, 5 << 20, 0, 1), 0),
        Reason.CORRUPT,
        "limit");
    assertReason(
        () -> SectionHeader.decode(sectionHeader(1, 0, 5, 6, 0, 1), 0),
        Reason.CORRUPT,
        "stored section");
    assertReason(
        () -> SectionHeader.decode(sectionHeader(1, 1, 6, 6, 0, 1), 0),
        Reason.CORRUPT,
        "not smaller");
    assertReason(
        () -> SectionHeader.decode(sectionHeader(1, 2, 1, 1, 0, 1), 0),
        Reason.CORRUPT,
        "unknown codec 2");
    assertReason(
        () -> SectionHeader.decode(sectionHeader(3, 0, 0, 0, 0, 0), 0),
        Reason.CORRUPT,
        "unknown kind 3");
    assertReason(
        () -> SectionHeader.decode(sectionHeader(2, 0, 1, 1, 0, 0), 0),
        Reason.CORRUPT,
        "end section");
    assertReason(
        () -> SectionHeader.decode(sectionHeader(1, 0, 1, 1, 0, 0), 0),
        Reason.CORRUPT,
        "no output");
    assertReason(
        () -> SectionHeader.decode(sectionHeader(1, 0, 1, 1, -1, 1), 0), Reason.CORRUPT, "2^63");
  }

  static OpCursor cursor(ByteBuilder ops, long sourceSize, long sectionLength) {
    return new OpCursor(ops.toByteArray(), ops.size(), sourceSize, sectionLength);
  }

  static void drain(OpCursor c) throws PatchException {
    while (c.next()) {
      // reading is checking
    }
  }

  @Test
  void operationsAreReadWithTheirData() throws PatchException {
    ByteBuilder ops = new ByteBuilder(64);
    OpWriter.copy(ops, 1L << 40, 3);
    OpWriter.literal(ops, new byte[] {9, 8, 7}, 0, 3);
    OpWriter.transform(ops, Transform.XOR, 4, new byte[2], 0, new byte[] {1, 2}, 0, 2);
    OpCursor c = cursor(ops, (1L << 40) + 10, 8);
    assertThat(c.next()).isTrue();
    assertThat(c.op).isEqualTo(PatchFormat.OP_COPY);
    assertThat(c.sourceOffset).isEqualTo(1L << 40);
    assertThat(c.next()).isTrue();
    assertThat(c.op).isEqualTo(PatchFormat.OP_LITERAL);
    assertThat(c.dataLength).isEqualTo(3);
    assertThat(c.next()).isTrue();
    assertThat(c.transform).isEqualTo(Transform.XOR);
    assertThat(c.dataLength).isEqualTo(2);
    assertThat(c.next()).isFalse();
    assertThat(c.produced()).isEqualTo(8);
  }

  @Test
  void malformedOperationsAreCorrupt() {
    assertOps(new byte[] {1, (byte) 0x80, 0, 1}, 10, 1, "minimally");
    assertOps(
        new byte[] {1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1, 1}, Long.MAX_VALUE, 1, "2^63-1");
    assertOps(new byte[] {1, -1, -1, -1, -1, -1, -1, -1, -1, 0x7F, 1}, Long.MAX_VALUE, 1, "");
    assertOps(new byte[] {1, 0, 0}, 10, 1, "length 0");
    assertOps(new byte[] {1, 8, 3}, 10, 3, "beyond the source");
    assertOps(new byte[] {2, 5, 1, 2}, 10, 5, "past the end");
    assertOps(new byte[] {3, 99, 0, 1, 1, 0}, 10, 1, "unknown transform id 99");
    assertOps(new byte[] {3, 5, 0, 33, 1, 0}, 100, 33, "whole number");
    assertOps(new byte[] {3, 1, 0, 2, 5, 0, 0}, 100, 2, "past the end");
    assertOps(new byte[] {2, 1, 7}, 10, 2, "produce 1 bytes but the section declares 2");
    assertOps(new byte[] {2, 1, 7, 2, 1, 7}, 10, 1, "more than the section declares");
    assertOps(new byte[] {9}, 10, 1, "unknown operation tag 0x9");
    assertOps(new byte[] {3}, 10, 1, "cut off");
    assertOps(new byte[] {1, (byte) 0x80}, 10, 1, "runs past");
  }

  @Test
  void aSectionMayNotMaterializeMoreThanFourMiB() {
    ByteBuilder ops = new ByteBuilder(5 << 20);
    byte[] big = new byte[(4 << 20) - 10];
    OpWriter.literal(ops, big, 0, big.length);
    OpWriter.literal(ops, new byte[11], 0, 11);
    assertReason(() -> drain(cursor(ops, 0, big.length + 11)), Reason.CORRUPT, "materializes");
  }

  static void assertOps(byte[] raw, long sourceSize, long sectionLength, String message) {
    assertReason(
        () -> drain(new OpCursor(raw, raw.length, sourceSize, sectionLength)),
        Reason.CORRUPT,
        message);
  }

  @Test
  void sha256ValuesParseAndPrint() {
    assertThat(A.hex()).isEqualTo("aa".repeat(32));
    assertThat(Sha256.fromHex("AA".repeat(32))).isEqualTo(A).hasSameHashCodeAs(A);
    assertThatThrownBy(() -> Sha256.fromHex("zz".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sha256.fromHex("aa")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sha256.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }
}
