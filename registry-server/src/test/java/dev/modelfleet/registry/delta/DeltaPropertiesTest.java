package dev.modelfleet.registry.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code modelfleet.delta.*} binds as the operations guide documents it. */
class DeltaPropertiesTest {
  static DeltaProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("modelfleet.delta", DeltaProperties.class);
  }

  @Test
  void directIoIsOnByDefaultAndCanBeTurnedOff() {
    assertThat(bind(Map.of()).directIo()).isTrue();
    assertThat(bind(Map.of("modelfleet.delta.direct-io", "false")).directIo()).isFalse();
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    DeltaProperties p = bind(Map.of());
    assertThat(p.enabled()).isTrue();
    assertThat(p.threads()).isEqualTo(1);
    assertThat(p.previousReleases()).isEqualTo(3);
    assertThat(p.scratchDir()).isNull();
  }
}
