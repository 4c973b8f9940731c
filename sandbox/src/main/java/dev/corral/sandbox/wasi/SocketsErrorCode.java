package dev.corral.sandbox.wasi;

import dev.corral.sandbox.values.EnumValue;
import java.util.Locale;

/**
 * The cases of {@code wasi:sockets/network.error-code}, in WIT order: a constant's {@link
 * #ordinal()} is its case index, and the host's enum type is built from this list.
 */
enum SocketsErrorCode {
  UNKNOWN,
  ACCESS_DENIED,
  NOT_SUPPORTED,
  INVALID_ARGUMENT,
  OUT_OF_MEMORY,
  TIMEOUT,
  CONCURRENCY_CONFLICT,
  NOT_IN_PROGRESS,
  WOULD_BLOCK,
  INVALID_STATE,
  NEW_SOCKET_LIMIT,
  ADDRESS_NOT_BINDABLE,
  ADDRESS_IN_USE,
  REMOTE_UNREACHABLE,
  CONNECTION_REFUSED,
  CONNECTION_RESET,
  CONNECTION_ABORTED,
  DATAGRAM_TOO_LARGE,
  NAME_UNRESOLVABLE,
  TEMPORARY_RESOLVER_FAILURE,
  PERMANENT_RESOLVER_FAILURE;

  /** The case's name in WIT, e.g. {@code access-denied}. */
  String witName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** This case as a value of the enum. */
  EnumValue value() {
    return new EnumValue(ordinal());
  }
}
