package dev.modelfleet.registry.security;

import dev.modelfleet.registry.support.RegistryProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * On the first start (no users yet) creates the first admin: password from {@code
 * modelfleet.bootstrap.admin-password}, or generated and written to {@code
 * <data-dir>/admin-credentials.txt} (owner-only permissions). If {@code MODELFLEET_BOOTSTRAP_TOKEN}
 * is set then, it also creates an admin API token with that value. When the server is ready it
 * prints its URL and the admin's credentials.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
  static final String CREDENTIALS_FILE = "admin-credentials.txt";
  static final int MIN_BOOTSTRAP_TOKEN_LENGTH = 20;

  private final Accounts accounts;
  private final BootstrapProperties bootstrap;
  private final RegistryProperties registry;
  private final TokenSecrets secrets;
  private final Environment environment;
  private final PrintStream console;

  BootstrapAdmin(
      Accounts accounts,
      BootstrapProperties bootstrap,
      RegistryProperties registry,
      TokenSecrets secrets,
      Environment environment) {
    this.accounts = accounts;
    this.bootstrap = bootstrap;
    this.registry = registry;
    this.secrets = secrets;
    this.environment = environment;
    this.console = System.out;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (accounts.hasUsers()) {
      return;
    }
    String token = bootstrap.token();
    if (token != null && token.length() < MIN_BOOTSTRAP_TOKEN_LENGTH) {
      throw new IllegalStateException(
          "MODELFLEET_BOOTSTRAP_TOKEN must have at least "
              + MIN_BOOTSTRAP_TOKEN_LENGTH
              + " characters");
    }
    String configured = bootstrap.adminPassword();
    String password = configured != null ? configured : secrets.newPassword();
    if (configured == null) {
      writeCredentials(bootstrap.adminUsername(), password);
    }
    UserAccount admin = accounts.createBootstrapAdmin(bootstrap.adminUsername(), password);
    if (token != null) {
      accounts.createBootstrapToken(admin, token);
      log.info("Created the bootstrap admin API token from MODELFLEET_BOOTSTRAP_TOKEN");
    }
    log.info("Created the first admin user '{}'", bootstrap.adminUsername());
  }

  @EventListener(ApplicationReadyEvent.class)
  void announce() {
    String port = environment.getProperty("local.server.port", "8080");
    console.println();
    console.println("ModelFleet registry is up at http://localhost:" + port + "/");
    Optional<List<String>> stored = readCredentials();
    if (stored.isPresent()) {
      console.println(
          "  admin credentials (from "
              + credentialsFile()
              + "): "
              + String.join(", ", stored.get()));
    } else if (bootstrap.adminPassword() != null) {
      console.println(
          "  admin user: " + bootstrap.adminUsername() + " (password from configuration)");
    }
    console.println("  API: http://localhost:" + port + "/api/v1  OpenAPI: /v3/api-docs");
    console.println();
    console.flush();
  }

  private Path credentialsFile() {
    return registry.dataDir().toAbsolutePath().normalize().resolve(CREDENTIALS_FILE);
  }

  private Optional<List<String>> readCredentials() {
    try {
      Path file = credentialsFile();
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      return Optional.of(
          Files.readAllLines(file, StandardCharsets.UTF_8).stream()
              .filter(l -> !l.isBlank() && !l.startsWith("#"))
              .toList());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void writeCredentials(String username, String password) throws IOException {
    Path file = credentialsFile();
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(CREDENTIALS_FILE + ".tmp");
    Files.deleteIfExists(tmp);
    @Nullable Object posix = null;
    try {
      posix =
          Files.createFile(
              tmp,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp);
    }
    Files.writeString(
        tmp,
        "# The first ModelFleet admin, generated on first start. Keep this file private."
            + "\nusername: "
            + username
            + "\npassword: "
            + password
            + "\n",
        StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    log.debug("wrote {} ({})", file, posix != null ? "owner-only" : "default permissions");
  }
}
