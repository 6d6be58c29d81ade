package dev.modelfleet.signing.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (RFC 8785) for the values signed metadata carries: object
 * members sorted by UTF-16 code units, no insignificant whitespace, strings escaped as ECMAScript
 * {@code JSON.stringify} does, UTF-8 output.
 *
 * <p>Numbers are restricted to integers within ±(2<sup>53</sup>−1), which RFC 8785 serializes
 * exactly as decimal digits; fractions and larger magnitudes are refused rather than rounded
 * through a binary double (signed metadata never needs them). See ADR 0003.
 */
public final class CanonicalJson {
  private static final long MAX_SAFE_LONG = (1L << 53) - 1;
  private static final BigDecimal MAX_SAFE = BigDecimal.valueOf(MAX_SAFE_LONG);

  private CanonicalJson() {}

  /**
   * The canonical UTF-8 bytes of {@code value}.
   *
   * @throws JsonException if it holds a number that is not a safe integer or a string with a lone
   *     surrogate
   */
  public static byte[] encode(JsonValue value) {
    return encode(value, 256);
  }

  private static byte[] encode(JsonValue value, int capacity) {
    StringBuilder sb = new StringBuilder(capacity);
    write(value, sb);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** No character needs escaping or surrogate checks: the common case, copied in bulk. */
  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code utf8}, which parsed to {@code parsed}, is exactly its canonical form. */
  public static boolean isCanonical(byte[] utf8, JsonValue parsed) {
    try {
      return Arrays.equals(utf8, encode(parsed, utf8.length + 16));
    } catch (JsonException e) {
      return false;
    }
  }

  /** Whether {@code utf8} is exactly the canonical form of the value it parses to. */
  public static boolean isCanonical(byte[] utf8, JsonLimits limits) {
    try {
      return Arrays.equals(utf8, encode(Json.parse(utf8, limits)));
    } catch (JsonException e) {
      return false;
    }
  }

  private static void write(JsonValue value, StringBuilder sb) {
    if (value instanceof JsonObject o) {
      Iterable<Map.Entry<String, JsonValue>> members = o.members().entrySet();
      if (!sorted(o.members().keySet())) {
        List<Map.Entry<String, JsonValue>> list = new ArrayList<>(o.members().entrySet());
        // String.compareTo orders by UTF-16 code units, as RFC 8785 requires.
        list.sort(Map.Entry.comparingByKey());
        members = list;
      }
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonValue> m : members) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        string(m.getKey(), sb);
        sb.append(':');
        write(m.getValue(), sb);
      }
      sb.append('}');
    } else if (value instanceof JsonArray a) {
      sb.append('[');
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(a.get(i), sb);
      }
      sb.append(']');
    } else if (value instanceof JsonString s) {
      string(s.value(), sb);
    } else if (value instanceof JsonNumber n) {
      sb.append(integer(n.value()));
    } else if (value instanceof JsonBoolean b) {
      sb.append(b.value() ? "true" : "false");
    } else {
      sb.append("null");
    }
  }

  /**
   * Whether the keys are already in canonical order (objects parsed from canonical JSON keep their
   * order, so checking them costs no sort and no copy).
   */
  private static boolean sorted(Iterable<String> keys) {
    String previous = null;
    for (String k : keys) {
      if (previous != null && previous.compareTo(k) > 0) {
        return false;
      }
      previous = k;
    }
    return true;
  }

  private static String integer(BigDecimal v) {
    if (v.scale() == 0 && v.precision() < 19) {
      // The common case (a plain integer that fits a long): no stripping, no BigInteger.
      long l = v.longValue();
      if (Math.abs(l) > MAX_SAFE_LONG) {
        throw new JsonException("integer " + v.toPlainString() + " exceeds 2^53-1");
      }
      return Long.toString(l);
    }
    BigDecimal stripped = v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
    if (stripped.scale() > 0) {
      throw new JsonException("canonical JSON carries only integers, not " + v.toPlainString());
    }
    if (stripped.abs().compareTo(MAX_SAFE) > 0) {
      throw new JsonException("integer " + v.toPlainString() + " exceeds 2^53-1");
    }
    return stripped.toBigIntegerExact().toString();
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    if (isPlain(s)) {
      sb.append(s).append('"');
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw new JsonException("string contains a lone surrogate");
        }
        sb.append(c).append(s.charAt(++i));
        continue;
      }
      if (Character.isLowSurrogate(c)) {
        throw new JsonException("string contains a lone surrogate");
      }
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append("\\u00")
                .append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 0xf, 16));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
