package dev.modelfleet.signing.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  static String canon(String json) {
    return new String(CanonicalJson.encode(Json.parse(json)), StandardCharsets.UTF_8);
  }

  @Test
  void sortsMembersByUtf16CodeUnitsAndDropsWhitespace() {
    // RFC 8785 §3.2.3: "\u20ac" (€) sorts before "\ud83d\ude00" (😀) in UTF-16, after it in code
    // points.
    assertThat(
            canon("{ \"b\" : 1, \"a\" : [ true , null ], \"\\ud83d\\ude00\": 2, \"\\u20ac\": 3 }"))
        .isEqualTo("{\"a\":[true,null],\"b\":1,\"€\":3,\"😀\":2}");
  }

  @Test
  void escapesOnlyWhatJsonStringifyEscapes() {
    assertThat(canon("\"\\u0041\\u00e9\\u000f\\n\\\"\\\\\\/\\u2028\""))
        .isEqualTo("\"Aé\\u000f\\n\\\"\\\\/\u2028\"");
  }

  @Test
  void writesIntegersWithoutExponentOrFraction() {
    assertThat(canon("[0, -0, 1E3, 10.0, -9007199254740991]"))
        .isEqualTo("[0,0,1000,10,-9007199254740991]");
  }

  @Test
  void refusesFractionsAndUnsafeIntegers() {
    assertThatThrownBy(() -> CanonicalJson.encode(new JsonNumber(new BigDecimal("1.5"))))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("only integers");
    assertThatThrownBy(() -> CanonicalJson.encode(JsonNumber.of(9007199254740992L)))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("2^53");
  }

  @Test
  void refusesLoneSurrogatesBuiltInCode() {
    assertThatThrownBy(() -> CanonicalJson.encode(new JsonString("\ud800")))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("lone surrogate");
  }

  @Test
  void recognisesCanonicalAndNonCanonicalText() {
    JsonLimits l = JsonLimits.DEFAULT;
    assertThat(CanonicalJson.isCanonical("{\"a\":1,\"b\":2}".getBytes(StandardCharsets.UTF_8), l))
        .isTrue();
    assertThat(CanonicalJson.isCanonical("{\"b\":2,\"a\":1}".getBytes(StandardCharsets.UTF_8), l))
        .isFalse();
    assertThat(CanonicalJson.isCanonical("{\"a\": 1}".getBytes(StandardCharsets.UTF_8), l))
        .isFalse();
    assertThat(CanonicalJson.isCanonical("{\"a\":1e0}".getBytes(StandardCharsets.UTF_8), l))
        .isFalse();
    assertThat(CanonicalJson.isCanonical("{".getBytes(StandardCharsets.UTF_8), l)).isFalse();
  }
}
