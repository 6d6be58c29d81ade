package dev.modelfleet.registry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives every Spring test context its own database on the shared {@link TestPostgres} and its own
 * data directory, never an in-memory stand-in. Registered in {@code META-INF/spring.factories}.
 */
public class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    return new FreshDatabase();
  }

  /** Equal to every other instance, so it never splits Spring's context cache. */
  static final class FreshDatabase implements ContextCustomizer {
    @Override
    public void customizeContext(
        ConfigurableApplicationContext context, MergedContextConfiguration config) {
      TestPostgres pg = TestPostgres.get();
      Map<String, Object> properties = new HashMap<>();
      properties.put("spring.datasource.url", pg.createDatabase());
      properties.put("spring.datasource.username", pg.user());
      properties.put("spring.datasource.password", pg.password());
      properties.put("spring.test.database.replace", "none");
      properties.put("modelfleet.data-dir", newDataDir().toString());
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(new MapPropertySource("modelfleet-test-database", properties));
    }

    private static Path newDataDir() {
      try {
        Path base = Path.of("target", "test-data");
        Files.createDirectories(base);
        return Files.createTempDirectory(base.toAbsolutePath(), "ctx-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof FreshDatabase;
    }

    @Override
    public int hashCode() {
      return FreshDatabase.class.hashCode();
    }
  }
}
