import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * ADR 0012, "copies": what reading a file costs the applier's two readers, by read path. The patch
 * reader reads 4 MiB sections through a buffered InputStream into heap arrays and checks their
 * CRC32C; the source check reads 1 MiB into a direct buffer and hashes it. Each variant reads the
 * whole file on one thread, from the page cache; the figure is that thread's CPU time (user and
 * system) per GiB, so other load on the machine does not change it much. Memory-mapped windows are
 * unmapped explicitly after use (sun.misc.Unsafe.invokeCleaner, the only way on JDK 17): a mapping
 * left to the GC keeps its pages in the process's RSS, which the apply's 256 MB bound forbids.
 *
 * <p>java ReadPaths.java FILE [ROUNDS]
 */
public final class ReadPaths {
  private static final int SECTION = 4 << 20;
  private static final int SOURCE_CHUNK = 1 << 20;
  private static final long WINDOW = 64L << 20;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static long sink;

  interface Variant {
    void run(Path file) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long size = Files.size(file);
    Map<String, Variant> variants = new LinkedHashMap<>();
    variants.put("patch: InputStream -> heap array, CRC32C (the applier now)", ReadPaths::streamHeap);
    variants.put("patch: FileChannel -> direct buffer, CRC32C", ReadPaths::channelDirect);
    variants.put("patch: mapped 64 MiB windows, CRC32C", ReadPaths::mappedCrc);
    variants.put("source: FileChannel -> direct buffer, SHA-256 (the applier now)", ReadPaths::hashDirect);
    variants.put("source: mapped 64 MiB windows, SHA-256", ReadPaths::hashMapped);
    variants.put("(no I/O) SHA-256 of a 4 MiB heap array, as many bytes", ReadPaths::hashOnly);
    variants.put("(no I/O) CRC32C of a 4 MiB heap array, as many bytes", ReadPaths::crcOnly);
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    variants.keySet().forEach(k -> cpu.put(k, new ArrayList<>()));
    // Warm-up: compiles every path and brings the file into the page cache.
    for (Variant v : variants.values()) {
      v.run(file);
    }
    for (int r = 0; r < rounds; r++) {
      for (Map.Entry<String, Variant> e : variants.entrySet()) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        e.getValue().run(file);
        long t1 = THREADS.getCurrentThreadCpuTime();
        cpu.get(e.getKey()).add((t1 - t0) / 1e9 / (size / (double) (1L << 30)));
      }
    }
    System.out.printf("File: %s (%.1f MiB), %d rounds, %s%n", file.getFileName(), size / 1048576.0,
        rounds, System.getProperty("java.vm.version"));
    System.out.println("| read path | CPU-s per GiB, min | median | max |");
    System.out.println("|---|---:|---:|---:|");
    for (Map.Entry<String, List<Double>> e : cpu.entrySet()) {
      double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf("| %s | %.3f | %.3f | %.3f |%n", e.getKey(), v[0], v[v.length / 2],
          v[v.length - 1]);
    }
    if (sink == 42) {
      System.out.println();
    }
  }

  private static void streamHeap(Path file) throws IOException {
    byte[] section = new byte[SECTION];
    CRC32C crc = new CRC32C();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      int n;
      while ((n = in.readNBytes(section, 0, SECTION)) > 0) {
        crc.update(section, 0, n);
      }
    }
    sink += crc.getValue();
  }

  private static void channelDirect(Path file) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(SECTION);
    CRC32C crc = new CRC32C();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (true) {
        buf.clear();
        while (buf.hasRemaining() && ch.read(buf) > 0) {}
        buf.flip();
        if (!buf.hasRemaining()) {
          break;
        }
        crc.update(buf);
      }
    }
    sink += crc.getValue();
  }

  private static void mappedCrc(Path file) throws Exception {
    CRC32C crc = new CRC32C();
    forEachWindow(file, w -> {
      while (w.hasRemaining()) {
        ByteBuffer s = w.slice().limit(Math.min(SECTION, w.remaining()));
        crc.update(s);
        w.position(w.position() + s.limit());
      }
    });
    sink += crc.getValue();
  }

  /** SourceCheck.hash, copied on purpose: this harness runs from source, without a build. */
  private static void hashDirect(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    ByteBuffer buf = ByteBuffer.allocateDirect(SOURCE_CHUNK);
    long pos = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (true) {
        buf.clear();
        int n = ch.read(buf, pos);
        if (n < 0) {
          break;
        }
        buf.flip();
        md.update(buf);
        pos += n;
      }
    }
    sink += md.digest()[0];
  }

  private static void hashMapped(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    forEachWindow(file, md::update);
    sink += md.digest()[0];
  }

  private static void hashOnly(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] b = new byte[SECTION];
    Arrays.fill(b, (byte) 7);
    for (long left = Files.size(file); left > 0; left -= SECTION) {
      md.update(b, 0, (int) Math.min(SECTION, left));
    }
    sink += md.digest()[0];
  }

  private static void crcOnly(Path file) throws Exception {
    CRC32C crc = new CRC32C();
    byte[] b = new byte[SECTION];
    for (long left = Files.size(file); left > 0; left -= SECTION) {
      crc.update(b, 0, (int) Math.min(SECTION, left));
    }
    sink += crc.getValue();
  }

  interface WindowBody {
    void accept(ByteBuffer window) throws Exception;
  }

  private static void forEachWindow(Path file, WindowBody body) throws Exception {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      for (long at = 0; at < size; at += WINDOW) {
        MappedByteBuffer w = ch.map(FileChannel.MapMode.READ_ONLY, at, Math.min(WINDOW, size - at));
        try {
          body.accept(w);
        } finally {
          unmap(w);
        }
      }
    }
  }

  private static void unmap(MappedByteBuffer b) throws Exception {
    Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
    f.setAccessible(true);
    sun.misc.Unsafe unsafe = (sun.misc.Unsafe) f.get(null);
    unsafe.invokeCleaner(b);
  }
}
