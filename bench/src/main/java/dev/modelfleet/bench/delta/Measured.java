package dev.modelfleet.bench.delta;

import org.jspecify.annotations.Nullable;

/**
 * One timed run of a tool.
 *
 * @param seconds wall-clock time of the process (or the sum, for tools that need two)
 * @param cpuSeconds user + system CPU time
 * @param peakRssKb peak resident set size of the process, in KiB (the maximum, for two)
 * @param peakHeapMb the Java heap's peak use from the GC log, for our own tool
 * @param innerSeconds the time our own tool reports for the work itself (from its start to the
 *     published output, so without the JVM's start-up), for our own tool
 */
record Measured(
    double seconds,
    double cpuSeconds,
    long peakRssKb,
    @Nullable Long peakHeapMb,
    @Nullable Double innerSeconds) {
  Measured(double seconds, double cpuSeconds, long peakRssKb, @Nullable Long peakHeapMb) {
    this(seconds, cpuSeconds, peakRssKb, peakHeapMb, null);
  }

  Measured withInnerSeconds(@Nullable Double inner) {
    return new Measured(seconds, cpuSeconds, peakRssKb, peakHeapMb, inner);
  }

  Measured plus(Measured other) {
    return new Measured(
        seconds + other.seconds,
        cpuSeconds + other.cpuSeconds,
        Math.max(peakRssKb, other.peakRssKb),
        null);
  }
}
