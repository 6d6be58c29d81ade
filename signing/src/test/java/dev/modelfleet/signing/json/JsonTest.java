package dev.modelfleet.signing.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void parsesEveryValueTypeAndKeepsMemberOrder() {
    JsonObject o =
        Json.parseObject(
            "{\"z\":1,\"a\":[true,false,null,\"s\\u00e9\\n\"],\"n\":-12.5e1,\"o\":{}}");
    assertThat(o.keys()).containsExactly("z", "a", "n", "o");
    assertThat(o.getLong("z")).isEqualTo(1);
    assertThat(o.getArray("a").elements())
        .containsExactly(
            JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE, new JsonString("sé\n"));
    assertThat(o.getNumber("n")).isEqualByComparingTo(new BigDecimal("-125"));
    assertThat(o.getObject("o").size()).isZero();
  }

  @Test
  void writesCompactAndPrettyTextThatParsesBackToTheSameValue() {
    JsonObject o =
        JsonObject.builder()
            .put("name", "quote\" back\\ ctl\u0001 ünï")
            .put("count", 3)
            .put("ratio", 0.25)
            .put("list", JsonArray.of(JsonNumber.of(1), JsonNull.INSTANCE))
            .build();
    assertThat(Json.write(o))
        .isEqualTo(
            "{\"name\":\"quote\\\" back\\\\ ctl\\u0001 ünï\",\"count\":3,\"ratio\":0.25,\"list\":[1,null]}");
    assertThat(Json.parse(Json.writePretty(o))).isEqualTo(o);
    assertThat(Json.parse(Json.write(o))).isEqualTo(o);
  }

  @Test
  void decodesSurrogatePairEscapes() {
    assertThat(Json.parse("\"\\ud83d\\ude00\"")).isEqualTo(new JsonString("\uD83D\uDE00"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "[1,]",
        "{\"a\":1,}",
        "01",
        "1.",
        "-",
        "1e",
        "tru",
        "nul",
        "\"abc",
        "{\"a\" 1}",
        "[1 2]",
        "{a:1}",
        "'x'",
        "NaN",
        "[1]x",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\ud800\"",
        "\"\\udc00x\"",
        "\"tab\there\""
      })
  void rejectsMalformedDocumentsNamingTheOffset(String text) {
    assertThatThrownBy(() -> Json.parse(text))
        .isInstanceOf(JsonException.class)
        .hasMessageStartingWith("invalid JSON at byte ");
  }

  @Test
  void rejectsDuplicateMemberNames() {
    assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}"))
        .isInstanceOf(JsonException.class)
        .hasMessage("invalid JSON at byte 7: duplicate member name \"a\"");
  }

  @Test
  void rejectsInvalidUtf8() {
    byte[] bad = {'"', (byte) 0xc3, (byte) 0x28, '"'};
    assertThatThrownBy(() -> Json.parse(bad, JsonLimits.DEFAULT))
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void enforcesLimitsWithoutRecursingOrAllocatingPastThem() {
    JsonLimits small = new JsonLimits(1000, 4, 10, 3);
    assertThatThrownBy(() -> Json.parse("[[[[[1]]]]]".getBytes(StandardCharsets.UTF_8), small))
        .hasMessageContaining("nesting deeper than 4");
    assertThatThrownBy(() -> Json.parse("\"12345678901\"".getBytes(StandardCharsets.UTF_8), small))
        .hasMessageContaining("string longer than 10 bytes");
    assertThatThrownBy(() -> Json.parse("[1,2,3,4]".getBytes(StandardCharsets.UTF_8), small))
        .hasMessageContaining("more than 3 elements");
    assertThatThrownBy(() -> Json.parse(new byte[1001], small))
        .hasMessage("JSON document of 1001 bytes exceeds the limit of 1000");
    String deep = "[".repeat(100_000);
    assertThatThrownBy(() -> Json.parse(deep)).hasMessageContaining("nesting deeper than 64");
    assertThatThrownBy(() -> Json.parse("1e999999999"))
        .hasMessageContaining("exponent out of range");
  }

  @Test
  void accessorsNameTheMemberAndTheTypeMismatch() {
    JsonObject o = Json.parseObject("{\"a\":\"x\",\"big\":1e30}");
    assertThatThrownBy(() -> o.getLong("a"))
        .hasMessage("member \"a\" must be a number, not a string");
    assertThatThrownBy(() -> o.getString("b")).hasMessage("missing member \"b\"");
    assertThatThrownBy(() -> o.getLong("big")).hasMessageContaining("within 64 bits");
    assertThat(o.findString("b")).isEmpty();
  }

  @Test
  void formatsIntegersWithoutExponent() {
    assertThat(Json.write(new JsonNumber(new BigDecimal("1E+3")))).isEqualTo("1000");
    assertThat(Json.write(new JsonNumber(new BigDecimal("2.50")))).isEqualTo("2.5");
  }
}
