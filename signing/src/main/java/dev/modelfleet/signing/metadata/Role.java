package dev.modelfleet.signing.metadata;

import java.util.Locale;

/** The signed document kinds and the key sets in root that sign them. */
public enum Role {
  ROOT,
  TARGETS,
  SNAPSHOT,
  TIMESTAMP,
  DIRECTIVE;

  /** {@code root}, {@code targets}, … as used in {@code _type} and root's {@code roles}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The DSSE payload type, {@code application/vnd.modelfleet.<role>+json}. */
  public String payloadType() {
    return "application/vnd.modelfleet." + id() + "+json";
  }

  /** The conventional file name, {@code <role>.json}. */
  public String fileName() {
    return id() + ".json";
  }
}
