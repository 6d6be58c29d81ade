package dev.modelfleet.registry.support;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's header: title, version, and bearer-token security. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
  @Bean
  OpenAPI registryOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("ModelFleet Registry API")
                .version("v1")
                .description(
                    "Catalog, verified publishing, blobs and signed metadata. Errors are RFC 9457"
                        + " problem details with a stable `code` and `type`.")
                .license(new License().name("Apache-2.0")))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API token (POST /api/v1/tokens) or an OIDC JWT")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
