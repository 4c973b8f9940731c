package dev.corral.sandbox.wasi;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The host-side objects behind {@code wasi:http/types} resources. */
final class HttpMessages {
  /** The most bytes an outgoing request body may have. */
  static final int MAX_REQUEST_BODY = 16 << 20;

  /** The most bytes of a response body the host reads. */
  static final int MAX_RESPONSE_BODY = 16 << 20;

  /** The most request and response body bytes one call may buffer, all requests together. */
  static final long MAX_BODY_BYTES_PER_CALL = 64L << 20;

  private HttpMessages() {}

  record Field(String name, byte[] value) {}

  /** Whether {@code s} is an RFC 9110 token (a method or a field name). */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (char c : s.toCharArray()) {
      if (c <= 32 || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code method} is syntactically valid (a token). */
  static boolean validMethod(String method) {
    return isToken(method);
  }

  /** Header fields; immutable when they belong to a request handed over or a response. */
  static final class Fields {
    final boolean mutable;
    private final List<Field> entries = new ArrayList<>();

    Fields(boolean mutable) {
      this.mutable = mutable;
    }

    /** A field name: an RFC 9110 token. */
    static boolean validName(String name) {
      return isToken(name);
    }

    /** A field value: visible characters, obs-text (0x80-0xFF), spaces and tabs (RFC 9110 5.5). */
    static boolean validValue(byte[] value) {
      for (byte b : value) {
        int c = b & 0xFF;
        if (c < 0x20 && c != '\t' || c == 0x7F) {
          return false;
        }
      }
      return true;
    }

    List<byte[]> get(String name) {
      List<byte[]> out = new ArrayList<>();
      for (Field f : entries) {
        if (f.name().equalsIgnoreCase(name)) {
          out.add(f.value());
        }
      }
      return out;
    }

    boolean set(String name, List<byte[]> values) {
      if (!validName(name) || !values.stream().allMatch(Fields::validValue)) {
        return false;
      }
      entries.removeIf(f -> f.name().equalsIgnoreCase(name));
      for (byte[] v : values) {
        entries.add(new Field(name.toLowerCase(Locale.ROOT), v));
      }
      return true;
    }

    boolean append(String name, byte[] value) {
      if (!validName(name) || !validValue(value)) {
        return false;
      }
      entries.add(new Field(name.toLowerCase(Locale.ROOT), value));
      return true;
    }

    List<Field> entries() {
      return List.copyOf(entries);
    }

    Fields copy(boolean mutableCopy) {
      Fields f = new Fields(mutableCopy);
      f.entries.addAll(entries);
      return f;
    }
  }

  static final class OutgoingRequest {
    final Fields headers;
    String method = "GET";
    String scheme;
    String authority;
    String pathWithQuery;
    OutgoingBody body;

    OutgoingRequest(Fields headers) {
      this.headers = headers;
    }
  }

  static final class RequestOptions {
    /** connect, first-byte and between-bytes timeouts in nanoseconds (null: default). */
    final Long[] timeouts = new Long[3];
  }

  /** A request body being written by the guest; sent when the response is first awaited. */
  static final class OutgoingBody implements HostOutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final BodyBudget budget;
    boolean streamed;
    boolean finished;

    OutgoingBody(BodyBudget budget) {
      this.budget = budget;
    }

    @Override
    public long checkWrite() throws StreamException {
      if (finished) {
        throw StreamException.closed();
      }
      return 1 << 16;
    }

    @Override
    public synchronized void write(byte[] data) throws StreamException {
      if (finished) {
        throw StreamException.closed();
      }
      if ((long) bytes.size() + data.length > MAX_REQUEST_BODY) {
        throw StreamException.failed("request body larger than " + MAX_REQUEST_BODY + " bytes");
      }
      if (!budget.take(data.length)) {
        throw StreamException.failed(
            "the call's HTTP bodies would pass " + budget.max() + " bytes");
      }
      bytes.writeBytes(data);
    }

    synchronized byte[] bytes() {
      return bytes.toByteArray();
    }
  }

  static final class IncomingResponse {
    final int status;
    final Fields headers;
    private final byte[] body;
    boolean consumed;
    boolean streamed;

    IncomingResponse(int status, Fields headers, byte[] body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    HostInputStream bodyStream() {
      int[] position = {0};
      return max -> {
        if (position[0] >= body.length) {
          throw StreamException.closed();
        }
        int n = Math.min(max, body.length - position[0]);
        byte[] out = java.util.Arrays.copyOfRange(body, position[0], position[0] + n);
        position[0] += n;
        return out;
      };
    }
  }

  /**
   * What a request came to: a response (errorCase null), or an error-code case with a message for
   * the user.
   */
  record Outcome(IncomingResponse response, HttpErrorCode errorCase, String message) {}

  /** The response to a request, fetched (synchronously) when the guest first waits for it. */
  static final class FutureResponse {
    private final OutgoingRequest request;
    private final RequestOptions options;
    private Outcome outcome;
    boolean taken;

    FutureResponse(OutgoingRequest request, RequestOptions options) {
      this.request = request;
      this.options = options;
    }

    Outcome resolve(HttpGateway gateway) throws dev.corral.sandbox.error.ComponentTrap {
      if (outcome == null) {
        outcome = gateway.send(request, options);
      }
      return outcome;
    }

    Pollable pollable(HttpGateway gateway) {
      return new Pollable() {
        @Override
        public boolean ready() {
          // ready once the body (if any) is finished: then the request can be sent and awaited
          return request.body == null || request.body.finished || outcome != null;
        }

        @Override
        public void block() {}
      };
    }
  }
}
