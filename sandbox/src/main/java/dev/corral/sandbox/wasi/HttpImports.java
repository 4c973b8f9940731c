package dev.corral.sandbox.wasi;

import static dev.corral.sandbox.wasi.Wit.*;

import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.host.HostInstance;
import dev.corral.sandbox.types.Case;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.OptionValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.TupleValue;
import dev.corral.sandbox.values.Value;
import dev.corral.sandbox.values.VariantValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code wasi:http/types} and {@code wasi:http/outgoing-handler}: real requests through {@link
 * HttpGateway}, which enforces the network policy. Incoming requests are never created (Corral
 * calls tools, it does not serve HTTP to them), so their methods can never be reached.
 */
final class HttpImports {
  /**
   * The most outgoing requests, outgoing bodies, pending responses, responses and incoming bodies a
   * call may hold at once (each may buffer a body).
   */
  static final int MAX_LIVE_MESSAGES = 16;

  private final WasiContext ctx;
  private final IoImports io;
  private final HttpGateway gateway;

  /** Request and response body bytes the call may still buffer. */
  private final BodyBudget bodies = new BodyBudget(HttpMessages.MAX_BODY_BYTES_PER_CALL);

  final ResourceTable<HttpMessages.Fields> fields;
  final ResourceTable<HttpMessages.OutgoingRequest> requests;
  final ResourceTable<HttpMessages.RequestOptions> options;
  final ResourceTable<HttpMessages.OutgoingBody> outgoingBodies;
  final ResourceTable<HttpMessages.FutureResponse> futures;
  final ResourceTable<HttpMessages.IncomingResponse> responses;
  final ResourceTable<HttpMessages.IncomingResponse> incomingBodies;
  final ResourceTable<Object> trailers;
  final ResourceTable<Object> unreachable;

  private HttpImports(WasiContext ctx, IoImports io) {
    this.ctx = ctx;
    this.io = io;
    this.gateway = new HttpGateway(ctx, bodies);
    fields = new ResourceTable<>("fields", ctx);
    requests = new ResourceTable<>("outgoing-request", MAX_LIVE_MESSAGES, ctx);
    options = new ResourceTable<>("request-options", ctx);
    outgoingBodies = new ResourceTable<>("outgoing-body", MAX_LIVE_MESSAGES, ctx);
    futures = new ResourceTable<>("future-incoming-response", MAX_LIVE_MESSAGES, ctx);
    responses = new ResourceTable<>("incoming-response", MAX_LIVE_MESSAGES, ctx);
    incomingBodies = new ResourceTable<>("incoming-body", MAX_LIVE_MESSAGES, ctx);
    trailers = new ResourceTable<>("future-trailers", ctx);
    unreachable = new ResourceTable<>("incoming-request", ctx);
  }

  static void register(WasiContext ctx, IoImports io, List<HostInstance> out) {
    new HttpImports(ctx, io).register(out);
  }

  /** The {@code error-code} variant, its cases from {@link HttpErrorCode} in WIT order. */
  static VariantType errorCode() {
    ValType optString = option(STRING);
    ValType fieldSize = record("field-name", optString, "field-size", option(U32));
    List<Case> cases = new ArrayList<>();
    for (HttpErrorCode code : HttpErrorCode.values()) {
      ValType payload =
          switch (code) {
            case DNS_ERROR -> record("rcode", optString, "info-code", option(U16));
            case TLS_ALERT_RECEIVED -> record("alert-id", option(U8), "alert-message", optString);
            case HTTP_REQUEST_BODY_SIZE, HTTP_RESPONSE_BODY_SIZE -> option(U64);
            case HTTP_REQUEST_HEADER_SECTION_SIZE,
                HTTP_REQUEST_TRAILER_SECTION_SIZE,
                HTTP_RESPONSE_HEADER_SECTION_SIZE,
                HTTP_RESPONSE_TRAILER_SECTION_SIZE ->
                option(U32);
            case HTTP_REQUEST_HEADER_SIZE -> option(fieldSize);
            case HTTP_REQUEST_TRAILER_SIZE, HTTP_RESPONSE_HEADER_SIZE, HTTP_RESPONSE_TRAILER_SIZE ->
                fieldSize;
            case HTTP_RESPONSE_TRANSFER_CODING, HTTP_RESPONSE_CONTENT_CODING, INTERNAL_ERROR ->
                optString;
            case DNS_TIMEOUT,
                DESTINATION_NOT_FOUND,
                DESTINATION_UNAVAILABLE,
                DESTINATION_IP_PROHIBITED,
                DESTINATION_IP_UNROUTABLE,
                CONNECTION_REFUSED,
                CONNECTION_TERMINATED,
                CONNECTION_TIMEOUT,
                CONNECTION_READ_TIMEOUT,
                CONNECTION_WRITE_TIMEOUT,
                CONNECTION_LIMIT_REACHED,
                TLS_PROTOCOL_ERROR,
                TLS_CERTIFICATE_ERROR,
                HTTP_REQUEST_DENIED,
                HTTP_REQUEST_LENGTH_REQUIRED,
                HTTP_REQUEST_METHOD_INVALID,
                HTTP_REQUEST_URI_INVALID,
                HTTP_REQUEST_URI_TOO_LONG,
                HTTP_RESPONSE_INCOMPLETE,
                HTTP_RESPONSE_TIMEOUT,
                HTTP_UPGRADE_FAILED,
                HTTP_PROTOCOL_ERROR,
                LOOP_DETECTED,
                CONFIGURATION_ERROR ->
                null;
          };
      cases.add(new Case(code.witName(), Optional.ofNullable(payload)));
    }
    return new VariantType(cases);
  }

  /** An {@code error-code} value for a case without payload, or internal-error with a message. */
  static Value error(HttpErrorCode code, String message) {
    int caseIndex = code.ordinal();
    if (code == HttpErrorCode.INTERNAL_ERROR) {
      return new VariantValue(caseIndex, Optional.of(OptionValue.some(str(message))));
    }
    if (code == HttpErrorCode.HTTP_RESPONSE_BODY_SIZE
        || code == HttpErrorCode.HTTP_REQUEST_HEADER_SIZE) {
      return new VariantValue(caseIndex, Optional.of(OptionValue.none()));
    }
    return new VariantValue(caseIndex, Optional.empty());
  }

  private void register(List<HostInstance> out) {
    String v = "@" + WasiHost.VERSION;
    HostInstance.Builder b = HostInstance.builder("wasi:http/types" + v);
    ResourceType fieldsT = b.resource("fields", fields::drop);
    ResourceType incomingRequestT = b.resource("incoming-request", unreachable::drop);
    ResourceType outgoingRequestT = b.resource("outgoing-request", requests::drop);
    ResourceType optionsT = b.resource("request-options", options::drop);
    ResourceType outparamT = b.resource("response-outparam", unreachable::drop);
    ResourceType incomingResponseT = b.resource("incoming-response", responses::drop);
    ResourceType incomingBodyT = b.resource("incoming-body", incomingBodies::drop);
    ResourceType trailersT = b.resource("future-trailers", trailers::drop);
    ResourceType outgoingResponseT = b.resource("outgoing-response", unreachable::drop);
    ResourceType outgoingBodyT = b.resource("outgoing-body", outgoingBodies::drop);
    ResourceType futureT = b.resource("future-incoming-response", futures::drop);
    fields.bind(fieldsT);
    unreachable.bind(incomingRequestT);
    requests.bind(outgoingRequestT);
    options.bind(optionsT);
    responses.bind(incomingResponseT);
    incomingBodies.bind(incomingBodyT);
    trailers.bind(trailersT);
    outgoingBodies.bind(outgoingBodyT);
    futures.bind(futureT);

    VariantType method =
        variant(
            "get", null, "head", null, "post", null, "put", null, "delete", null, "connect", null,
            "options", null, "trace", null, "patch", null, "other", STRING);
    VariantType scheme = variant("HTTP", null, "HTTPS", null, "other", STRING);
    VariantType errorCode = errorCode();
    VariantType headerError = variant("invalid-syntax", null, "forbidden", null, "immutable", null);
    ValType entries = list(tuple(STRING, BYTES));
    ResultType headerResult = result(null, headerError);
    ResultType unit = result(null, null);

    // fields
    b.function(
        "[constructor]fields",
        fn(own(fieldsT)),
        a -> Optional.of(fields.add(new HttpMessages.Fields(true))));
    b.function(
        "[static]fields.from-list",
        fn(result(own(fieldsT), headerError), "entries", entries),
        a -> {
          HttpMessages.Fields f = new HttpMessages.Fields(true);
          for (Value e : ((ListValue) a.get(0)).elements()) {
            List<Value> pair = ((TupleValue) e).elements();
            if (!f.append(toStr(pair.get(0)), toBytes(pair.get(1)))) {
              return Optional.of(ResultValue.err(new VariantValue(0, Optional.empty())));
            }
          }
          return Optional.of(ResultValue.ok(fields.add(f)));
        });
    b.function(
        "[method]fields.get",
        method(fieldsT, list(BYTES), "name", STRING),
        a ->
            Optional.of(
                new ListValue(
                    fields.get(a.get(0)).get(toStr(a.get(1))).stream()
                        .map(x -> (Value) bytes(x))
                        .toList())));
    b.function(
        "[method]fields.has",
        method(fieldsT, BOOL, "name", STRING),
        a -> Optional.of(bool(!fields.get(a.get(0)).get(toStr(a.get(1))).isEmpty())));
    b.function(
        "[method]fields.set",
        method(fieldsT, headerResult, "name", STRING, "value", list(BYTES)),
        a -> {
          HttpMessages.Fields f = fields.get(a.get(0));
          List<byte[]> values =
              ((ListValue) a.get(2)).elements().stream().map(Wit::toBytes).toList();
          return Optional.of(headerOutcome(f.mutable ? f.set(toStr(a.get(1)), values) : null));
        });
    b.function(
        "[method]fields.delete",
        method(fieldsT, headerResult, "name", STRING),
        a -> {
          HttpMessages.Fields f = fields.get(a.get(0));
          return Optional.of(headerOutcome(f.mutable ? f.set(toStr(a.get(1)), List.of()) : null));
        });
    b.function(
        "[method]fields.append",
        method(fieldsT, headerResult, "name", STRING, "value", BYTES),
        a -> {
          HttpMessages.Fields f = fields.get(a.get(0));
          return Optional.of(
              headerOutcome(f.mutable ? f.append(toStr(a.get(1)), toBytes(a.get(2))) : null));
        });
    b.function(
        "[method]fields.entries",
        method(fieldsT, entries),
        a -> {
          List<Value> list = new ArrayList<>();
          for (HttpMessages.Field f : fields.get(a.get(0)).entries()) {
            list.add(tupleOf(str(f.name()), bytes(f.value())));
          }
          return Optional.of(new ListValue(list));
        });
    b.function(
        "[method]fields.clone",
        method(fieldsT, own(fieldsT)),
        a -> Optional.of(fields.add(fields.get(a.get(0)).copy(true))));

    // incoming-request: never created by this host
    b.function("[method]incoming-request.method", method(incomingRequestT, method), a -> never());
    b.function(
        "[method]incoming-request.path-with-query",
        method(incomingRequestT, option(STRING)),
        a -> never());
    b.function(
        "[method]incoming-request.scheme", method(incomingRequestT, option(scheme)), a -> never());
    b.function(
        "[method]incoming-request.authority",
        method(incomingRequestT, option(STRING)),
        a -> never());
    b.function(
        "[method]incoming-request.headers", method(incomingRequestT, own(fieldsT)), a -> never());
    b.function(
        "[method]incoming-request.consume",
        method(incomingRequestT, result(own(incomingBodyT), null)),
        a -> never());

    // outgoing-request
    b.function(
        "[constructor]outgoing-request",
        fn(own(outgoingRequestT), "headers", own(fieldsT)),
        a -> {
          HttpMessages.Fields headers = fields.take(a.get(0)).copy(false);
          return Optional.of(requests.add(new HttpMessages.OutgoingRequest(headers)));
        });
    b.function(
        "[method]outgoing-request.body",
        method(outgoingRequestT, result(own(outgoingBodyT), null)),
        a -> {
          HttpMessages.OutgoingRequest r = requests.get(a.get(0));
          if (r.body != null) {
            return Optional.of(ResultValue.err(null));
          }
          r.body = new HttpMessages.OutgoingBody(bodies);
          return Optional.of(ResultValue.ok(outgoingBodies.add(r.body)));
        });
    b.function(
        "[method]outgoing-request.method",
        method(outgoingRequestT, method),
        a -> Optional.of(methodValue(requests.get(a.get(0)).method)));
    b.function(
        "[method]outgoing-request.set-method",
        method(outgoingRequestT, unit, "method", method),
        a -> {
          HttpMessages.OutgoingRequest r = requests.get(a.get(0));
          String name = methodName((VariantValue) a.get(1));
          if (!HttpMessages.validMethod(name)) {
            return Optional.of(ResultValue.err(null));
          }
          r.method = name;
          return Optional.of(ResultValue.ok(null));
        });
    b.function(
        "[method]outgoing-request.path-with-query",
        method(outgoingRequestT, option(STRING)),
        a -> Optional.of(optionalString(requests.get(a.get(0)).pathWithQuery)));
    b.function(
        "[method]outgoing-request.set-path-with-query",
        method(outgoingRequestT, unit, "path-with-query", option(STRING)),
        a -> {
          requests.get(a.get(0)).pathWithQuery = stringOption(a.get(1));
          return Optional.of(ResultValue.ok(null));
        });
    b.function(
        "[method]outgoing-request.scheme",
        method(outgoingRequestT, option(scheme)),
        a -> {
          String s = requests.get(a.get(0)).scheme;
          return Optional.of(s == null ? OptionValue.none() : OptionValue.some(schemeValue(s)));
        });
    b.function(
        "[method]outgoing-request.set-scheme",
        method(outgoingRequestT, unit, "scheme", option(scheme)),
        a -> {
          OptionValue o = (OptionValue) a.get(1);
          requests.get(a.get(0)).scheme =
              o.value().map(x -> schemeName((VariantValue) x)).orElse(null);
          return Optional.of(ResultValue.ok(null));
        });
    b.function(
        "[method]outgoing-request.authority",
        method(outgoingRequestT, option(STRING)),
        a -> Optional.of(optionalString(requests.get(a.get(0)).authority)));
    b.function(
        "[method]outgoing-request.set-authority",
        method(outgoingRequestT, unit, "authority", option(STRING)),
        a -> {
          requests.get(a.get(0)).authority = stringOption(a.get(1));
          return Optional.of(ResultValue.ok(null));
        });
    b.function(
        "[method]outgoing-request.headers",
        method(outgoingRequestT, own(fieldsT)),
        a -> Optional.of(fields.add(requests.get(a.get(0)).headers)));

    // request-options
    b.function(
        "[constructor]request-options",
        fn(own(optionsT)),
        a -> Optional.of(options.add(new HttpMessages.RequestOptions())));
    for (String name : List.of("connect-timeout", "first-byte-timeout", "between-bytes-timeout")) {
      int index =
          List.of("connect-timeout", "first-byte-timeout", "between-bytes-timeout").indexOf(name);
      b.function(
          "[method]request-options." + name,
          method(optionsT, option(U64)),
          a -> {
            Long t = options.get(a.get(0)).timeouts[index];
            return Optional.of(t == null ? OptionValue.none() : OptionValue.some(u64(t)));
          });
      b.function(
          "[method]request-options.set-" + name,
          method(optionsT, unit, "duration", option(U64)),
          a -> {
            OptionValue o = (OptionValue) a.get(1);
            options.get(a.get(0)).timeouts[index] = o.value().map(Wit::toLong).orElse(null);
            return Optional.of(ResultValue.ok(null));
          });
    }

    // response-outparam and outgoing-response: only for serving, never created by this host
    b.function(
        "[method]response-outparam.send-informational",
        method(outparamT, result(null, errorCode), "status", U16, "headers", own(fieldsT)),
        a -> never());
    b.function(
        "[static]response-outparam.set",
        fn(null, "param", own(outparamT), "response", result(own(outgoingResponseT), errorCode)),
        a -> never());
    b.function(
        "[constructor]outgoing-response",
        fn(own(outgoingResponseT), "headers", own(fieldsT)),
        a -> {
          throw new ComponentTrap("wasi:http outgoing-response: this host does not serve HTTP");
        });
    b.function(
        "[method]outgoing-response.status-code", method(outgoingResponseT, U16), a -> never());
    b.function(
        "[method]outgoing-response.set-status-code",
        method(outgoingResponseT, unit, "status-code", U16),
        a -> never());
    b.function(
        "[method]outgoing-response.headers", method(outgoingResponseT, own(fieldsT)), a -> never());
    b.function(
        "[method]outgoing-response.body",
        method(outgoingResponseT, result(own(outgoingBodyT), null)),
        a -> never());

    // incoming-response and bodies
    b.function(
        "[method]incoming-response.status",
        method(incomingResponseT, U16),
        a ->
            Optional.of(
                new dev.corral.sandbox.values.IntValue(U16, responses.get(a.get(0)).status)));
    b.function(
        "[method]incoming-response.headers",
        method(incomingResponseT, own(fieldsT)),
        a -> Optional.of(fields.add(responses.get(a.get(0)).headers)));
    b.function(
        "[method]incoming-response.consume",
        method(incomingResponseT, result(own(incomingBodyT), null)),
        a -> {
          HttpMessages.IncomingResponse r = responses.get(a.get(0));
          if (r.consumed) {
            return Optional.of(ResultValue.err(null));
          }
          r.consumed = true;
          return Optional.of(ResultValue.ok(incomingBodies.add(r)));
        });
    b.function(
        "[method]incoming-body.stream",
        method(incomingBodyT, result(own(io.inputStream), null)),
        a -> {
          HttpMessages.IncomingResponse r = incomingBodies.get(a.get(0));
          if (r.streamed) {
            return Optional.of(ResultValue.err(null));
          }
          r.streamed = true;
          return Optional.of(ResultValue.ok(ctx.inputStreams.add(r.bodyStream())));
        });
    b.function(
        "[static]incoming-body.finish",
        fn(own(trailersT), "this", own(incomingBodyT)),
        a -> {
          incomingBodies.take(a.get(0));
          return Optional.of(trailers.add(new Object()));
        });
    b.function(
        "[method]future-trailers.subscribe",
        method(trailersT, own(io.pollable)),
        a -> Optional.of(ctx.pollables.add(Pollable.alwaysReady())));
    b.function(
        "[method]future-trailers.get",
        method(trailersT, option(result(result(option(own(fieldsT)), errorCode), null))),
        a -> Optional.of(OptionValue.some(ResultValue.ok(ResultValue.ok(OptionValue.none())))));

    // outgoing-body
    b.function(
        "[method]outgoing-body.write",
        method(outgoingBodyT, result(own(io.outputStream), null)),
        a -> {
          HttpMessages.OutgoingBody body = outgoingBodies.get(a.get(0));
          if (body.streamed) {
            return Optional.of(ResultValue.err(null));
          }
          body.streamed = true;
          return Optional.of(ResultValue.ok(ctx.outputStreams.add(body)));
        });
    b.function(
        "[static]outgoing-body.finish",
        fn(result(null, errorCode), "this", own(outgoingBodyT), "trailers", option(own(fieldsT))),
        a -> {
          outgoingBodies.take(a.get(0)).finished = true;
          return Optional.of(ResultValue.ok(null));
        });

    // future-incoming-response
    b.function(
        "[method]future-incoming-response.subscribe",
        method(futureT, own(io.pollable)),
        a -> {
          HttpMessages.FutureResponse f = futures.get(a.get(0));
          return Optional.of(ctx.pollables.add(f.pollable(gateway)));
        });
    b.function(
        "[method]future-incoming-response.get",
        method(futureT, option(result(result(own(incomingResponseT), errorCode), null))),
        a -> {
          HttpMessages.FutureResponse f = futures.get(a.get(0));
          if (f.taken) {
            return Optional.of(OptionValue.some(ResultValue.err(null)));
          }
          HttpMessages.Outcome outcome = f.resolve(gateway);
          f.taken = true;
          Value inner =
              outcome.response() != null
                  ? ResultValue.ok(responses.add(outcome.response()))
                  : ResultValue.err(error(outcome.errorCase(), outcome.message()));
          return Optional.of(OptionValue.some(ResultValue.ok(inner)));
        });
    b.function(
        "http-error-code",
        fn(option(errorCode), "err", borrow(io.error)),
        a -> Optional.of(OptionValue.none()));
    out.add(b.build());

    out.add(
        HostInstance.builder("wasi:http/outgoing-handler" + v)
            .function(
                "handle",
                fn(
                    result(own(futureT), errorCode),
                    "request",
                    own(outgoingRequestT),
                    "options",
                    option(own(optionsT))),
                a -> {
                  HttpMessages.OutgoingRequest request = requests.take(a.get(0));
                  OptionValue o = (OptionValue) a.get(1);
                  HttpMessages.RequestOptions opts =
                      o.value().isPresent()
                          ? options.take(o.value().get())
                          : new HttpMessages.RequestOptions();
                  HttpGateway.Denial denial = gateway.precheck(request);
                  if (denial != null) {
                    return Optional.of(
                        ResultValue.err(error(denial.errorCase(), denial.message())));
                  }
                  return Optional.of(
                      ResultValue.ok(futures.add(new HttpMessages.FutureResponse(request, opts))));
                })
            .build());
  }

  private static Optional<Value> never() throws ComponentTrap {
    throw new ComponentTrap(
        "wasi:http: this host never creates incoming requests or outgoing responses");
  }

  private static Value headerOutcome(Boolean ok) {
    if (ok == null) {
      return ResultValue.err(new VariantValue(2, Optional.empty()));
    }
    return ok ? ResultValue.ok(null) : ResultValue.err(new VariantValue(0, Optional.empty()));
  }

  private static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  private static String methodName(VariantValue v) {
    return v.caseIndex() < METHODS.size()
        ? METHODS.get(v.caseIndex())
        : toStr(v.payload().orElseThrow());
  }

  private static Value methodValue(String name) {
    int i = METHODS.indexOf(name);
    return i >= 0
        ? new VariantValue(i, Optional.empty())
        : new VariantValue(9, Optional.of(str(name)));
  }

  private static String schemeName(VariantValue v) {
    return switch (v.caseIndex()) {
      case 0 -> "http";
      case 1 -> "https";
      default -> toStr(v.payload().orElseThrow());
    };
  }

  private static Value schemeValue(String s) {
    return switch (s) {
      case "http" -> new VariantValue(0, Optional.empty());
      case "https" -> new VariantValue(1, Optional.empty());
      default -> new VariantValue(2, Optional.of(str(s)));
    };
  }

  private static Value optionalString(String s) {
    return s == null ? OptionValue.none() : OptionValue.some(str(s));
  }

  private static String stringOption(Value v) {
    return ((OptionValue) v).value().map(Wit::toStr).orElse(null);
  }
}
