package dev.modelfleet.bench.delta;

import org.jspecify.annotations.Nullable;

/**
 * One timed run of a tool.
 *
 * @param seconds wall-clock time of the process (or the sum, for tools that need two)
 * @param cpuSeconds user + system CPU time
 * @param peakRssKb peak resident set size of the process, in KiB (the maximum, for two)
 * @param peakHeapMb the Java heap's peak use from the GC log, for our own tool
 */
record Measured(double seconds, double cpuSeconds, long peakRssKb, @Nullable Long peakHeapMb) {
  Measured plus(Measured other) {
    return new Measured(
        seconds + other.seconds,
        cpuSeconds + other.cpuSeconds,
        Math.max(peakRssKb, other.peakRssKb),
        null);
  }
}
