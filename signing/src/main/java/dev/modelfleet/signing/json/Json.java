package dev.modelfleet.signing.json;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses and writes JSON (RFC 8259), strictly and within {@link JsonLimits}. */
public final class Json {
  private Json() {}

  /**
   * Parses one JSON document.
   *
   * @throws JsonException if {@code utf8} is not exactly one valid JSON value within {@code limits}
   *     (the message names the byte offset)
   */
  public static JsonValue parse(byte[] utf8, JsonLimits limits) {
    if (utf8.length > limits.maxBytes()) {
      throw new JsonException(
          "JSON document of " + utf8.length + " bytes exceeds the limit of " + limits.maxBytes());
    }
    return new Parser(utf8, limits).document();
  }

  /** Parses with {@link JsonLimits#DEFAULT}. */
  public static JsonValue parse(byte[] utf8) {
    return parse(utf8, JsonLimits.DEFAULT);
  }

  /** Parses with {@link JsonLimits#DEFAULT}. */
  public static JsonValue parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT);
  }

  /**
   * Parses a document that must be an object.
   *
   * @throws JsonException if it is malformed, beyond the limits, or not an object
   */
  public static JsonObject parseObject(byte[] utf8, JsonLimits limits) {
    JsonValue v = parse(utf8, limits);
    if (!(v instanceof JsonObject o)) {
      throw new JsonException("expected a JSON object, got " + typeName(v));
    }
    return o;
  }

  /** Parses an object with {@link JsonLimits#DEFAULT}. */
  public static JsonObject parseObject(byte[] utf8) {
    return parseObject(utf8, JsonLimits.DEFAULT);
  }

  /** Parses an object with {@link JsonLimits#DEFAULT}. */
  public static JsonObject parseObject(String json) {
    return parseObject(json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT);
  }

  /** Compact JSON text: no insignificant whitespace, members in insertion order. */
  public static String write(JsonValue value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, -1, 0);
    return sb.toString();
  }

  /** JSON text indented by two spaces, members in insertion order, no trailing newline. */
  public static String writePretty(JsonValue value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, 2, 0);
    return sb.toString();
  }

  private static void write(JsonValue value, StringBuilder sb, int indent, int level) {
    if (value instanceof JsonObject o) {
      if (o.size() == 0) {
        sb.append("{}");
        return;
      }
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        newline(sb, indent, level + 1);
        writeString(e.getKey(), sb);
        sb.append(indent < 0 ? ":" : ": ");
        write(e.getValue(), sb, indent, level + 1);
      }
      newline(sb, indent, level);
      sb.append('}');
    } else if (value instanceof JsonArray a) {
      if (a.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        newline(sb, indent, level + 1);
        write(a.get(i), sb, indent, level + 1);
      }
      newline(sb, indent, level);
      sb.append(']');
    } else if (value instanceof JsonString s) {
      writeString(s.value(), sb);
    } else if (value instanceof JsonNumber n) {
      sb.append(formatNumber(n.value()));
    } else if (value instanceof JsonBoolean b) {
      sb.append(b.value() ? "true" : "false");
    } else {
      sb.append("null");
    }
  }

  private static void newline(StringBuilder sb, int indent, int level) {
    if (indent >= 0) {
      sb.append('\n');
      sb.append(" ".repeat(indent * level));
    }
  }

  /** Integers print without exponent or fraction; others in the shortest exact form. */
  static String formatNumber(BigDecimal v) {
    if (v.signum() == 0) {
      return "0";
    }
    BigDecimal stripped = v.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 40) {
      return stripped.toBigIntegerExact().toString();
    }
    return stripped.toString();
  }

  /** Appends {@code s} as a JSON string literal: escapes quote, backslash and control chars. */
  public static void writeString(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  static String typeName(JsonValue v) {
    return typeName(v.getClass());
  }

  static String typeName(Class<?> type) {
    if (JsonObject.class.isAssignableFrom(type)) {
      return "an object";
    } else if (JsonArray.class.isAssignableFrom(type)) {
      return "an array";
    } else if (JsonString.class.isAssignableFrom(type)) {
      return "a string";
    } else if (JsonNumber.class.isAssignableFrom(type)) {
      return "a number";
    } else if (JsonBoolean.class.isAssignableFrom(type)) {
      return "a boolean";
    }
    return "null";
  }

  /** Recursive descent over bytes, so every error can name its byte offset. */
  private static final class Parser {
    private static final int MAX_NUMBER_CHARS = 400;
    private static final int MAX_EXPONENT = 10_000;

    private final byte[] in;
    private final JsonLimits limits;
    private final CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int pos;
    private int depth;

    Parser(byte[] in, JsonLimits limits) {
      this.in = in;
      this.limits = limits;
    }

    JsonValue document() {
      skipWhitespace();
      JsonValue v = value();
      skipWhitespace();
      if (pos != in.length) {
        throw error("unexpected data after the JSON value");
      }
      return v;
    }

    private JsonValue value() {
      if (pos >= in.length) {
        throw error("unexpected end of JSON");
      }
      byte b = in[pos];
      return switch (b) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> new JsonString(string());
        case 't' -> {
          literal("true");
          yield JsonBoolean.TRUE;
        }
        case 'f' -> {
          literal("false");
          yield JsonBoolean.FALSE;
        }
        case 'n' -> {
          literal("null");
          yield JsonNull.INSTANCE;
        }
        default -> {
          if (b == '-' || (b >= '0' && b <= '9')) {
            yield number();
          }
          throw error("unexpected character " + describe(b));
        }
      };
    }

    private JsonObject object() {
      enter();
      pos++; // '{'
      LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        depth--;
        return JsonObject.ofOwned(members);
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw error("expected a member name");
        }
        int nameAt = pos;
        String name = string();
        skipWhitespace();
        expect(':');
        skipWhitespace();
        JsonValue v = value();
        if (members.put(name, v) != null) {
          // Two parsers may pick different duplicates: a classic signature-confusion attack.
          pos = nameAt;
          throw error("duplicate member name \"" + abbreviate(name) + "\"");
        }
        if (members.size() > limits.maxMembers()) {
          throw error("object has more than " + limits.maxMembers() + " members");
        }
        skipWhitespace();
        byte c = peek();
        if (c == ',') {
          pos++;
        } else if (c == '}') {
          pos++;
          depth--;
          return JsonObject.ofOwned(members);
        } else {
          throw error("expected ',' or '}'");
        }
      }
    }

    private JsonArray array() {
      enter();
      pos++; // '['
      List<JsonValue> elements = new ArrayList<>();
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        depth--;
        return JsonArray.of(elements);
      }
      while (true) {
        skipWhitespace();
        elements.add(value());
        if (elements.size() > limits.maxMembers()) {
          throw error("array has more than " + limits.maxMembers() + " elements");
        }
        skipWhitespace();
        byte c = peek();
        if (c == ',') {
          pos++;
        } else if (c == ']') {
          pos++;
          depth--;
          return JsonArray.of(elements);
        } else {
          throw error("expected ',' or ']'");
        }
      }
    }

    private void enter() {
      if (++depth > limits.maxDepth()) {
        throw error("nesting deeper than " + limits.maxDepth());
      }
    }

    private String string() {
      int start = pos;
      pos++; // opening quote
      StringBuilder sb = new StringBuilder();
      int runStart = pos;
      boolean plain = true; // ASCII without escapes so far: no decoding or surrogate checks needed
      while (true) {
        if (pos >= in.length) {
          pos = start;
          throw error("unterminated string");
        }
        byte b = in[pos];
        if (b == '"') {
          if (plain) {
            String s = new String(in, runStart, pos - runStart, StandardCharsets.ISO_8859_1);
            pos++;
            return s;
          }
          appendUtf8(sb, runStart, pos);
          pos++;
          break;
        } else if (b == '\\') {
          plain = false;
          appendUtf8(sb, runStart, pos);
          escape(sb);
          runStart = pos;
        } else if ((b & 0xff) < 0x20) {
          throw error("unescaped control character in string");
        } else {
          if (b < 0) {
            plain = false;
          }
          pos++;
        }
        if (pos - start > limits.maxStringLength()) {
          pos = start;
          throw error("string longer than " + limits.maxStringLength() + " bytes");
        }
      }
      for (int i = 0; i < sb.length(); i++) {
        char c = sb.charAt(i);
        if (Character.isHighSurrogate(c)) {
          if (i + 1 < sb.length() && Character.isLowSurrogate(sb.charAt(i + 1))) {
            i++;
            continue;
          }
          pos = start;
          throw error("string contains an unpaired surrogate");
        } else if (Character.isLowSurrogate(c)) {
          pos = start;
          throw error("string contains an unpaired surrogate");
        }
      }
      return sb.toString();
    }

    private void appendUtf8(StringBuilder sb, int from, int to) {
      if (from == to) {
        return;
      }
      boolean ascii = true;
      for (int i = from; i < to; i++) {
        if (in[i] < 0) {
          ascii = false;
          break;
        }
      }
      if (ascii) {
        // Bulk copy: appending char by char made long strings (base64 payloads) the hot spot.
        sb.append(new String(in, from, to - from, StandardCharsets.ISO_8859_1));
        return;
      }
      try {
        sb.append(utf8.reset().decode(ByteBuffer.wrap(in, from, to - from)));
      } catch (CharacterCodingException e) {
        pos = from;
        throw error("string is not valid UTF-8");
      }
    }

    private void escape(StringBuilder sb) {
      pos++; // backslash
      if (pos >= in.length) {
        throw error("unterminated escape");
      }
      byte e = in[pos++];
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > in.length) {
            throw error("truncated \\u escape");
          }
          int cp = 0;
          for (int i = 0; i < 4; i++) {
            int d = Character.digit(in[pos + i], 16);
            if (d < 0) {
              throw error("invalid \\u escape");
            }
            cp = cp * 16 + d;
          }
          pos += 4;
          sb.append((char) cp);
        }
        default -> {
          pos--;
          throw error("invalid escape " + describe(e));
        }
      }
    }

    private JsonNumber number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
        if (isDigit(peek())) {
          throw error("leading zero in number");
        }
      } else if (isDigit(peek())) {
        digits();
      } else {
        throw error("expected a digit");
      }
      if (peek() == '.') {
        pos++;
        if (!isDigit(peek())) {
          throw error("expected a digit after the decimal point");
        }
        digits();
      }
      if (peek() == 'e' || peek() == 'E') {
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        if (!isDigit(peek())) {
          throw error("expected a digit in the exponent");
        }
        digits();
      }
      if (pos - start > MAX_NUMBER_CHARS) {
        pos = start;
        throw error("number longer than " + MAX_NUMBER_CHARS + " characters");
      }
      BigDecimal v = new BigDecimal(new String(in, start, pos - start, StandardCharsets.US_ASCII));
      if (Math.abs((long) v.scale()) > MAX_EXPONENT) {
        pos = start;
        throw error("number exponent out of range");
      }
      return new JsonNumber(v);
    }

    private void digits() {
      while (isDigit(peek())) {
        pos++;
      }
    }

    private static boolean isDigit(byte b) {
      return b >= '0' && b <= '9';
    }

    private void literal(String word) {
      for (int i = 0; i < word.length(); i++) {
        if (pos + i >= in.length || in[pos + i] != word.charAt(i)) {
          throw error("invalid literal, expected " + word);
        }
      }
      pos += word.length();
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    /** The byte at the cursor, or 0 at the end (never a valid JSON structural byte). */
    private byte peek() {
      return pos < in.length ? in[pos] : 0;
    }

    private void skipWhitespace() {
      while (pos < in.length) {
        byte b = in[pos];
        if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
          pos++;
        } else {
          return;
        }
      }
    }

    private JsonException error(String what) {
      return new JsonException("invalid JSON at byte " + pos + ": " + what);
    }

    private static String describe(byte b) {
      int u = b & 0xff;
      return u >= 0x21 && u < 0x7f ? "'" + (char) u + "'" : String.format("0x%02x", u);
    }

    private static String abbreviate(String s) {
      return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
  }

  /** Encodes text as UTF-8 bytes (for callers that hash or sign JSON text). */
  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Serializes to UTF-8 bytes, compact. */
  public static byte[] toBytes(JsonValue value) {
    return utf8(write(value));
  }
}
