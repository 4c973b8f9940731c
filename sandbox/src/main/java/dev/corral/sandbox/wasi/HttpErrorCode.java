package dev.corral.sandbox.wasi;

/**
 * The cases of {@code wasi:http/types.error-code}, in WIT order: a constant's {@link #ordinal()} is
 * its case index, and {@link HttpImports#errorCode()} builds the variant from this list.
 */
enum HttpErrorCode {
  DNS_TIMEOUT("DNS-timeout"),
  DNS_ERROR("DNS-error"),
  DESTINATION_NOT_FOUND("destination-not-found"),
  DESTINATION_UNAVAILABLE("destination-unavailable"),
  DESTINATION_IP_PROHIBITED("destination-IP-prohibited"),
  DESTINATION_IP_UNROUTABLE("destination-IP-unroutable"),
  CONNECTION_REFUSED("connection-refused"),
  CONNECTION_TERMINATED("connection-terminated"),
  CONNECTION_TIMEOUT("connection-timeout"),
  CONNECTION_READ_TIMEOUT("connection-read-timeout"),
  CONNECTION_WRITE_TIMEOUT("connection-write-timeout"),
  CONNECTION_LIMIT_REACHED("connection-limit-reached"),
  TLS_PROTOCOL_ERROR("TLS-protocol-error"),
  TLS_CERTIFICATE_ERROR("TLS-certificate-error"),
  TLS_ALERT_RECEIVED("TLS-alert-received"),
  HTTP_REQUEST_DENIED("HTTP-request-denied"),
  HTTP_REQUEST_LENGTH_REQUIRED("HTTP-request-length-required"),
  HTTP_REQUEST_BODY_SIZE("HTTP-request-body-size"),
  HTTP_REQUEST_METHOD_INVALID("HTTP-request-method-invalid"),
  HTTP_REQUEST_URI_INVALID("HTTP-request-URI-invalid"),
  HTTP_REQUEST_URI_TOO_LONG("HTTP-request-URI-too-long"),
  HTTP_REQUEST_HEADER_SECTION_SIZE("HTTP-request-header-section-size"),
  HTTP_REQUEST_HEADER_SIZE("HTTP-request-header-size"),
  HTTP_REQUEST_TRAILER_SECTION_SIZE("HTTP-request-trailer-section-size"),
  HTTP_REQUEST_TRAILER_SIZE("HTTP-request-trailer-size"),
  HTTP_RESPONSE_INCOMPLETE("HTTP-response-incomplete"),
  HTTP_RESPONSE_HEADER_SECTION_SIZE("HTTP-response-header-section-size"),
  HTTP_RESPONSE_HEADER_SIZE("HTTP-response-header-size"),
  HTTP_RESPONSE_BODY_SIZE("HTTP-response-body-size"),
  HTTP_RESPONSE_TRAILER_SECTION_SIZE("HTTP-response-trailer-section-size"),
  HTTP_RESPONSE_TRAILER_SIZE("HTTP-response-trailer-size"),
  HTTP_RESPONSE_TRANSFER_CODING("HTTP-response-transfer-coding"),
  HTTP_RESPONSE_CONTENT_CODING("HTTP-response-content-coding"),
  HTTP_RESPONSE_TIMEOUT("HTTP-response-timeout"),
  HTTP_UPGRADE_FAILED("HTTP-upgrade-failed"),
  HTTP_PROTOCOL_ERROR("HTTP-protocol-error"),
  LOOP_DETECTED("loop-detected"),
  CONFIGURATION_ERROR("configuration-error"),
  INTERNAL_ERROR("internal-error");

  private final String witName;

  HttpErrorCode(String witName) {
    this.witName = witName;
  }

  /** The case's name in WIT, e.g. {@code HTTP-request-URI-invalid}. */
  String witName() {
    return witName;
  }
}
