package dev.modelfleet.signing.json;

import java.math.BigDecimal;
import java.util.Objects;

/** A JSON number, kept exactly as a {@link BigDecimal}. */
public record JsonNumber(BigDecimal value) implements JsonValue {
  public JsonNumber {
    Objects.requireNonNull(value, "value");
  }

  public static JsonNumber of(long value) {
    return new JsonNumber(BigDecimal.valueOf(value));
  }

  /**
   * @throws IllegalArgumentException if {@code value} is NaN or infinite (JSON has neither)
   */
  public static JsonNumber of(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("JSON cannot represent " + value);
    }
    return new JsonNumber(BigDecimal.valueOf(value));
  }

  /** Whether this number has no fractional part. */
  public boolean isIntegral() {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  /**
   * @throws JsonException if the number is not an integer in the range of {@code long}
   */
  public long longValue() {
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      throw new JsonException("expected an integer within 64 bits, got " + value);
    }
  }

  /**
   * @throws JsonException if the number is not an integer in the range of {@code int}
   */
  public int intValue() {
    try {
      return value.intValueExact();
    } catch (ArithmeticException e) {
      throw new JsonException("expected an integer within 32 bits, got " + value);
    }
  }

  public double doubleValue() {
    return value.doubleValue();
  }
}
