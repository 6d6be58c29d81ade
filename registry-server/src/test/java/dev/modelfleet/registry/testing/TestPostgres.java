package dev.modelfleet.registry.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server all tests of this JVM share: a Testcontainers PostgreSQL 18 where a Docker
 * engine is reachable, otherwise the embedded binaries (the build machines have no Docker). Each
 * Spring test context gets its own database in it, so contexts never see each other's rows.
 */
public final class TestPostgres {
  private static final AtomicInteger databases = new AtomicInteger();

  private final String host;
  private final int port;
  private final String user;
  private final String password;

  private TestPostgres(String host, int port, String user, String password) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
  }

  /** Lazily started once per JVM; stopped by the JVM's shutdown hooks. */
  private static final class Holder {
    static final TestPostgres INSTANCE = start();
  }

  public static TestPostgres get() {
    return Holder.INSTANCE;
  }

  private static TestPostgres start() {
    if (dockerAvailable()) {
      @SuppressWarnings("resource") // lives as long as the JVM; Ryuk removes it
      PostgreSQLContainer container = new PostgreSQLContainer("postgres:18-alpine");
      container.start();
      return new TestPostgres(
          container.getHost(),
          container.getMappedPort(5432),
          container.getUsername(),
          container.getPassword());
    }
    try {
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setServerConfig("fsync", "off")
              .setServerConfig("full_page_writes", "off")
              .start();
      return new TestPostgres("localhost", pg.getPort(), "postgres", "");
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded PostgreSQL", e);
    }
  }

  private static boolean dockerAvailable() {
    if (Boolean.getBoolean("modelfleet.test.embedded-postgres")) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Creates an empty database and returns its JDBC URL. */
  public String createDatabase() {
    String name = "test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
        Statement s = c.createStatement()) {
      s.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return jdbcUrl(name);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }
}
