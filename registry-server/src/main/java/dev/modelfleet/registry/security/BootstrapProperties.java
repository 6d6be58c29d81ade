package dev.modelfleet.registry.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code modelfleet.bootstrap.*}: what the first start creates.
 *
 * @param adminUsername the first admin's user name
 * @param adminPassword the first admin's password; generated (and stored in the data directory)
 *     when absent
 * @param token an admin API token to create on first start; set it with the environment variable
 *     {@code MODELFLEET_BOOTSTRAP_TOKEN} (at least 20 characters)
 */
@ConfigurationProperties("modelfleet.bootstrap")
record BootstrapProperties(
    @DefaultValue("admin") String adminUsername,
    @Nullable String adminPassword,
    @Nullable String token) {}
