package dev.modelfleet.registry.metadata;

import dev.modelfleet.registry.support.RegistryProperties;
import dev.modelfleet.signing.KeyAlgorithm;
import dev.modelfleet.signing.KeyFormatException;
import dev.modelfleet.signing.Signer;
import dev.modelfleet.signing.SigningKey;
import dev.modelfleet.signing.VerificationKey;
import dev.modelfleet.signing.metadata.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The registry's own signing keys, one per role: from configuration (PEM text), else from {@code
 * <keys-dir>/<role>.pem}, else generated there (Ed25519, owner-only file) on first start.
 */
@Component
class OnlineKeys {
  private static final Logger log = LoggerFactory.getLogger(OnlineKeys.class);

  private final Map<Role, SigningKey> keys = new EnumMap<>(Role.class);

  OnlineKeys(MetadataProperties properties, RegistryProperties registry) throws IOException {
    Path configuredDir = properties.keysDir();
    Path dir =
        (configuredDir != null ? configuredDir : registry.dataDir().resolve("keys"))
            .toAbsolutePath()
            .normalize();
    MetadataProperties.Keys given = properties.keys();
    load(Role.ROOT, given.root(), dir);
    load(Role.TARGETS, given.targets(), dir);
    load(Role.SNAPSHOT, given.snapshot(), dir);
    load(Role.TIMESTAMP, given.timestamp(), dir);
    load(Role.DIRECTIVE, given.directive(), dir);
  }

  Signer signer(Role role) {
    return Signer.of(Objects.requireNonNull(keys.get(role)));
  }

  VerificationKey publicKey(Role role) {
    return Objects.requireNonNull(keys.get(role)).verificationKey();
  }

  private void load(Role role, @Nullable String pem, Path dir) throws IOException {
    try {
      if (pem != null && !pem.isBlank()) {
        keys.put(role, SigningKey.fromPem(pem, null));
        return;
      }
      Path file = dir.resolve(role.id() + ".pem");
      if (!Files.exists(file)) {
        generate(role, file);
      }
      keys.put(role, SigningKey.fromPem(Files.readString(file, StandardCharsets.UTF_8), null));
    } catch (KeyFormatException e) {
      throw new IllegalStateException(
          "The "
              + role.id()
              + " metadata key is not a usable unencrypted PEM key: "
              + e.getMessage(),
          e);
    }
  }

  private static void generate(Role role, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    SigningKey key = SigningKey.generate(KeyAlgorithm.ED25519, new SecureRandom());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp);
    }
    Files.writeString(tmp, key.toPem(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    log.info(
        "Generated the {} metadata key {} in {}", role.id(), key.verificationKey().keyId(), file);
  }
}
