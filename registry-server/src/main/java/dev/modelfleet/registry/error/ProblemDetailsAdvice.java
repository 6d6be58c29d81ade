package dev.modelfleet.registry.error;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every exception that reaches a controller as an RFC 9457 problem detail with a stable
 * {@code type} and {@code code}; unexpected ones become {@code INTERNAL_ERROR} with a reference id
 * that is also logged, never a class name or stack trace.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler(RegistryException.class)
  ResponseEntity<ProblemDetail> registry(RegistryException e) {
    if (e.code().status().is5xxServerError()) {
      log.error("{}: {}", e.code(), e.getMessage(), e);
    }
    ResponseEntity.BodyBuilder response = ResponseEntity.status(e.code().status());
    if (e.code() == ErrorCode.RATE_LIMITED && e.properties().get("retryAfterSeconds") != null) {
      response.header(
          HttpHeaders.RETRY_AFTER, String.valueOf(e.properties().get("retryAfterSeconds")));
    }
    return response.body(Problems.of(e));
  }

  @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
  ResponseEntity<ProblemDetail> accessDenied(RuntimeException e) {
    return ResponseEntity.status(ErrorCode.ACCESS_DENIED.status())
        .body(
            Problems.of(
                ErrorCode.ACCESS_DENIED, "Your roles do not allow this action on this resource."));
  }

  @ExceptionHandler(ObjectOptimisticLockingFailureException.class)
  ResponseEntity<ProblemDetail> optimisticLock(ObjectOptimisticLockingFailureException e) {
    return ResponseEntity.status(ErrorCode.CONCURRENT_MODIFICATION.status())
        .body(
            Problems.of(
                ErrorCode.CONCURRENT_MODIFICATION,
                "Another request changed this resource at the same time; retry."));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    String reference = UUID.randomUUID().toString();
    log.error("Unexpected error, reference {}", reference, e);
    ProblemDetail p =
        Problems.of(
            ErrorCode.INTERNAL_ERROR,
            "An internal error occurred; quote reference " + reference + " to the operator.");
    p.setProperty("reference", reference);
    return ResponseEntity.status(ErrorCode.INTERNAL_ERROR.status()).body(p);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors =
        ex.getBindingResult().getFieldErrors().stream().map(ProblemDetailsAdvice::field).toList();
    ProblemDetail p =
        Problems.of(
            ErrorCode.VALIDATION_FAILED,
            errors.isEmpty()
                ? "The request body is invalid."
                : errors.get(0).get("field") + ": " + errors.get(0).get("message"));
    p.setProperty("errors", errors);
    return ResponseEntity.status(ErrorCode.VALIDATION_FAILED.status()).body(p);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String detail =
        ex.getAllErrors().stream()
            .findFirst()
            .map(err -> String.valueOf(err.getDefaultMessage()))
            .orElse("The request is invalid.");
    return ResponseEntity.status(ErrorCode.VALIDATION_FAILED.status())
        .body(Problems.of(ErrorCode.VALIDATION_FAILED, detail));
  }

  private static Map<String, String> field(FieldError e) {
    return Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage()));
  }

  /** Spring MVC's own problems (bad JSON, 404, 405, ...) get our {@code type} and {@code code}. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    ErrorCode code = codeFor(statusCode);
    String detail =
        body instanceof ProblemDetail p && p.getDetail() != null && statusCode.value() != 400
            ? p.getDetail()
            : defaultDetail(code);
    return new ResponseEntity<>(Problems.of(code, detail), headers, code.status());
  }

  private static String defaultDetail(ErrorCode code) {
    return switch (code) {
      case MALFORMED_REQUEST -> "The request could not be read; check its syntax and types.";
      case NOT_FOUND -> "No such resource.";
      default -> code.title() + ".";
    };
  }

  private static ErrorCode codeFor(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> ErrorCode.MALFORMED_REQUEST;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 406 -> ErrorCode.NOT_ACCEPTABLE;
      case 413 -> ErrorCode.UPLOAD_TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      case 503 -> ErrorCode.STORAGE_UNAVAILABLE;
      default -> status.is4xxClientError() ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL_ERROR;
    };
  }
}
