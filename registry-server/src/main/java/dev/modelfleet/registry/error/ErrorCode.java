package dev.modelfleet.registry.error;

import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * Every failure the registry reports, each with a stable problem {@code type} URI ({@code
 * https://modelfleet.dev/problems/<code>}), an HTTP status and a short title. Codes are part of the
 * API contract: add new ones, never rename or reuse.
 */
public enum ErrorCode {
  MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "Malformed request"),
  VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "Request validation failed"),
  INVALID_NAME(HttpStatus.BAD_REQUEST, "Invalid name"),
  INVALID_VERSION(HttpStatus.BAD_REQUEST, "Invalid version label"),
  INVALID_PUBLIC_KEY(HttpStatus.BAD_REQUEST, "Invalid public key"),
  INVALID_VALIDATION_SPEC(HttpStatus.BAD_REQUEST, "Invalid validation spec"),
  AUTHENTICATION_REQUIRED(HttpStatus.UNAUTHORIZED, "Authentication required"),
  ACCESS_DENIED(HttpStatus.FORBIDDEN, "Access denied"),
  DOWNLOAD_LINK_INVALID(HttpStatus.FORBIDDEN, "Download link invalid or expired"),
  NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  MODEL_NOT_FOUND(HttpStatus.NOT_FOUND, "Model not found"),
  PROFILE_NOT_FOUND(HttpStatus.NOT_FOUND, "Hardware profile not found"),
  RELEASE_NOT_FOUND(HttpStatus.NOT_FOUND, "Release not found"),
  VARIANT_NOT_FOUND(HttpStatus.NOT_FOUND, "Variant not found"),
  CHANNEL_NOT_FOUND(HttpStatus.NOT_FOUND, "Channel not found"),
  UPLOAD_NOT_FOUND(HttpStatus.NOT_FOUND, "Upload session not found"),
  DELTA_JOB_NOT_FOUND(HttpStatus.NOT_FOUND, "Delta job not found"),
  BLOB_NOT_FOUND(HttpStatus.NOT_FOUND, "Blob not found"),
  USER_NOT_FOUND(HttpStatus.NOT_FOUND, "User not found"),
  TOKEN_NOT_FOUND(HttpStatus.NOT_FOUND, "API token not found"),
  PUBLISHER_KEY_NOT_FOUND(HttpStatus.NOT_FOUND, "Publisher key not found"),
  METADATA_NOT_FOUND(HttpStatus.NOT_FOUND, "Repository metadata not found"),
  MODEL_EXISTS(HttpStatus.CONFLICT, "Model already exists"),
  PROFILE_EXISTS(HttpStatus.CONFLICT, "Hardware profile already exists"),
  USER_EXISTS(HttpStatus.CONFLICT, "User already exists"),
  PUBLISHER_KEY_EXISTS(HttpStatus.CONFLICT, "Publisher key already registered"),
  RELEASE_EXISTS(HttpStatus.CONFLICT, "Release already exists"),
  RELEASE_NUMBER_NOT_INCREASING(HttpStatus.CONFLICT, "Release number must increase"),
  RELEASE_REVOKED(HttpStatus.CONFLICT, "Release is revoked"),
  VARIANT_EXISTS(HttpStatus.CONFLICT, "Variant already exists"),
  UPLOAD_OFFSET_MISMATCH(HttpStatus.CONFLICT, "Upload offset mismatch"),
  UPLOAD_INCOMPLETE(HttpStatus.CONFLICT, "Upload incomplete"),
  UPLOAD_NOT_OPEN(HttpStatus.CONFLICT, "Upload session is not open"),
  CONCURRENT_MODIFICATION(HttpStatus.CONFLICT, "Concurrent modification"),
  UPLOAD_EXPIRED(HttpStatus.GONE, "Upload session expired"),
  UPLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Upload too large"),
  RANGE_NOT_SATISFIABLE(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "Range not satisfiable"),
  UNKNOWN_PROFILE(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown hardware profile"),
  INVALID_GGUF(HttpStatus.UNPROCESSABLE_CONTENT, "Not a valid GGUF file"),
  GGUF_TRUNCATED(HttpStatus.UNPROCESSABLE_CONTENT, "GGUF file is truncated"),
  SIGNATURE_MISSING(HttpStatus.UNPROCESSABLE_CONTENT, "Signature missing"),
  SIGNATURE_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "Signature invalid"),
  DIGEST_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT, "Digest mismatch"),
  METADATA_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "Repository metadata invalid"),
  RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
  STORAGE_FULL(HttpStatus.INSUFFICIENT_STORAGE, "Storage full"),
  STORAGE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Storage unavailable");

  private static final String TYPE_BASE = "https://modelfleet.dev/problems/";

  private final HttpStatus status;
  private final String title;

  ErrorCode(HttpStatus status, String title) {
    this.status = status;
    this.title = title;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The problem {@code type}: {@code https://modelfleet.dev/problems/model-not-found}. */
  public URI type() {
    return URI.create(TYPE_BASE + name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }
}
