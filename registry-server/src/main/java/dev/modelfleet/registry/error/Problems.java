package dev.modelfleet.registry.error;

import java.util.Map;
import org.springframework.http.ProblemDetail;

/** Builds problem details for an {@link ErrorCode}; shared by the advice and security filters. */
public final class Problems {
  /** Problem member naming the stable error code, e.g. {@code "code": "MODEL_NOT_FOUND"}. */
  public static final String CODE = "code";

  private Problems() {}

  public static ProblemDetail of(ErrorCode code, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(code.status(), detail);
    p.setType(code.type());
    p.setTitle(code.title());
    p.setProperty(CODE, code.name());
    return p;
  }

  public static ProblemDetail of(RegistryException e) {
    ProblemDetail p = of(e.code(), e.getMessage());
    for (Map.Entry<String, Object> m : e.properties().entrySet()) {
      p.setProperty(m.getKey(), m.getValue());
    }
    return p;
  }
}
