package dev.modelfleet.registry.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A failure with a stable {@link ErrorCode}; rendered as a problem detail whose {@code detail} is
 * this exception's message (one sentence a client can show) and whose extra members are {@link
 * #properties()}.
 */
public class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final Map<String, Object> properties;

  public RegistryException(ErrorCode code, String detail) {
    this(code, detail, Map.of());
  }

  public RegistryException(ErrorCode code, String detail, Map<String, Object> properties) {
    super(Objects.requireNonNull(detail, "detail"));
    this.code = Objects.requireNonNull(code, "code");
    this.properties = Map.copyOf(properties);
  }

  public RegistryException(ErrorCode code, String detail, Throwable cause) {
    super(Objects.requireNonNull(detail, "detail"), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.properties = Map.of();
  }

  public ErrorCode code() {
    return code;
  }

  /** Extra problem members, e.g. {@code expectedOffset}. */
  public Map<String, Object> properties() {
    return new LinkedHashMap<>(properties);
  }

  @Override
  public String getMessage() {
    return Objects.requireNonNull(super.getMessage());
  }
}
