package dev.modelfleet.delta.create;

/**
 * How many operations of one kind a patch has and how many target bytes they produce.
 *
 * @param operations the number of operations
 * @param targetBytes the target bytes they produce
 */
public record OpCount(long operations, long targetBytes) {
  OpCount plus(long ops, long bytes) {
    return new OpCount(operations + ops, targetBytes + bytes);
  }
}
