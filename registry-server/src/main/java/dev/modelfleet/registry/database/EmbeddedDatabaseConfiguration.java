package dev.modelfleet.registry.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.modelfleet.registry.support.RegistryProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts PostgreSQL from the binaries on the class path with its data in {@code
 * <data-dir>/postgres}, kept across restarts, and points the application's data source at a {@code
 * modelfleet} database in it. Only active when {@code spring.datasource.url} is not set.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDataSourceUrlCondition.class)
class EmbeddedDatabaseConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);
  static final String DATABASE = "modelfleet";

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(RegistryProperties properties) throws IOException {
    Path dir = properties.dataDir().toAbsolutePath().normalize().resolve("postgres");
    Files.createDirectories(dir);
    StalePostmaster.stopIfRunning(dir);
    log.info("Starting embedded PostgreSQL with data in {}", dir);
    return EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(false)
        // Zonky's defaults favour throwaway test databases; this one holds the catalog.
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("listen_addresses", "localhost")
        .setServerConfig("max_connections", "50")
        .setPGStartupWait(java.time.Duration.ofSeconds(60))
        .start();
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(EmbeddedPostgres postgres) throws SQLException {
    createDatabaseIfMissing(postgres.getPostgresDatabase());
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", DATABASE));
    config.setUsername("postgres");
    config.setMaximumPoolSize(10);
    config.setPoolName("modelfleet-embedded");
    return new HikariDataSource(config);
  }

  private static void createDatabaseIfMissing(DataSource admin) throws SQLException {
    try (Connection c = admin.getConnection();
        PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
      q.setString(1, DATABASE);
      try (ResultSet rs = q.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("create database " + DATABASE);
      }
    }
  }
}
