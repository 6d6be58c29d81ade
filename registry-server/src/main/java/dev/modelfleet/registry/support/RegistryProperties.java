package dev.modelfleet.registry.support;

import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by all features.
 *
 * @param dataDir where the embedded database, the filesystem blob store, staged uploads and
 *     generated keys and credentials live ({@code ./.modelfleet} unless configured)
 * @param publicUrl the URL clients reach this registry at, for links it hands out; when absent,
 *     links are built from the request
 */
@ConfigurationProperties("modelfleet")
public record RegistryProperties(
    @DefaultValue(".modelfleet") Path dataDir, @Nullable URI publicUrl) {}
