package dev.modelfleet.registry;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point of the registry's executable jar ({@code ./modelfleet server [--port N] [--data-dir
 * DIR]}); any Spring Boot {@code --property=value} argument works too.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RegistryApplication {

  public static void main(String[] args) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(
          """
          Usage: modelfleet server [--port N] [--data-dir DIR] [--<spring.property>=VALUE ...]
          Starts the ModelFleet registry on http://localhost:8080 (or --port) with an embedded
          PostgreSQL and blob store in ./.modelfleet (or --data-dir). See docs/operations.md for
          external PostgreSQL, S3, keys, tokens and OIDC.""");
      return;
    }
    SpringApplication.run(RegistryApplication.class, springArguments(args));
  }

  /**
   * {@code --port N} and {@code --data-dir DIR} (also {@code =}-joined) become Spring properties.
   */
  static String[] springArguments(String[] args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if ((a.equals("--port") || a.equals("--data-dir")) && i + 1 < args.length) {
        out.add(property(a) + args[++i]);
      } else if (a.startsWith("--port=") || a.startsWith("--data-dir=")) {
        int eq = a.indexOf('=');
        out.add(property(a.substring(0, eq)) + a.substring(eq + 1));
      } else {
        out.add(a);
      }
    }
    return out.toArray(String[]::new);
  }

  private static String property(String option) {
    return option.equals("--port") ? "--server.port=" : "--modelfleet.data-dir=";
  }
}
