package dev.corral.samples;

import static dev.corral.samples.Values.bool;
import static dev.corral.samples.Values.err;
import static dev.corral.samples.Values.ok;
import static dev.corral.samples.Values.record;
import static dev.corral.samples.Values.s64;
import static dev.corral.samples.Values.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.RecordValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.Value;
import dev.corral.sandbox.world.WorldItem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JavaScript time tool on the WASI host, with no capabilities (its policy grants none). Needs
 * {@code sample-tools/build.sh} to have built it (see {@link Samples#jsWasm}).
 */
class TimeToolTest {
  private static final String IFACE = "corral:time/clock@0.1.0";
  private static CompiledComponent compiled;
  private static SandboxedComponent tool;

  private TimeToolTest() {}

  /** Per test, so that each one is reported skipped (or failed) when the tool is not built. */
  @BeforeEach
  void load() throws Exception {
    if (tool == null) {
      compiled = CompiledComponent.compile(Samples.jsWasm("time"));
      tool = SandboxedComponent.of(compiled);
    }
  }

  @Test
  void importsOnlyClocksRandomStderrAndIoSoItNeedsNoPermission() throws Exception {
    List<String> imports = compiled.world().imports().stream().map(WorldItem::name).toList();
    assertEquals(
        List.of(
            "wasi:io/poll@0.2.12",
            "wasi:clocks/monotonic-clock@0.2.12",
            "wasi:io/error@0.2.12",
            "wasi:io/streams@0.2.12",
            "wasi:cli/stderr@0.2.12",
            "wasi:clocks/wall-clock@0.2.12",
            "wasi:random/random@0.2.12"),
        imports);
    for (String denied :
        List.of("wasi:filesystem/", "wasi:http/", "wasi:sockets/", "wasi:cli/environment")) {
      assertEquals(
          List.of(), imports.stream().filter(name -> name.startsWith(denied)).toList(), denied);
    }
  }

  @Test
  void exportsExactlyTheClockInterface() {
    RecordType zoned =
        new RecordType(
            List.of(
                new Field("local", Primitive.STRING),
                new Field("time-zone", Primitive.STRING),
                new Field("utc-offset", Primitive.STRING),
                new Field("daylight-saving", Primitive.BOOL),
                new Field("weekday", Primitive.STRING),
                new Field("unix-seconds", Primitive.S64)));
    ResultType result = new ResultType(Optional.of(zoned), Optional.of(Primitive.STRING));
    assertEquals(
        List.of(
            new ExportedFunction(
                Optional.of(IFACE),
                "now",
                new FuncType(
                    List.of(new Field("time-zone", Primitive.STRING)), Optional.of(result))),
            new ExportedFunction(
                Optional.of(IFACE),
                "convert",
                new FuncType(
                    List.of(
                        new Field("instant", Primitive.STRING),
                        new Field("time-zone", Primitive.STRING)),
                    Optional.of(result))),
            new ExportedFunction(
                Optional.of(IFACE),
                "list-time-zones",
                new FuncType(List.of(), Optional.of(new ListType(Primitive.STRING))))),
        tool.functions());
  }

  @Test
  void convertAppliesDaylightSavingRules() throws Exception {
    assertEquals(
        ok(
            zoned(
                "2024-03-10T01:59:59-05:00",
                "America/New_York",
                "-05:00",
                false,
                "Sunday",
                1710053999)),
        call("convert", str("2024-03-10T06:59:59Z"), str("America/New_York")));
    assertEquals(
        ok(
            zoned(
                "2024-03-10T03:00:00-04:00",
                "America/New_York",
                "-04:00",
                true,
                "Sunday",
                1710054000)),
        call("convert", str("2024-03-10T07:00:00Z"), str("America/New_York")));
    assertEquals(
        ok(
            zoned(
                "2024-10-27T02:59:59+02:00", "Europe/Paris", "+02:00", true, "Sunday", 1729990799)),
        call("convert", str("2024-10-27T00:59:59Z"), str("Europe/Paris")));
    assertEquals(
        ok(
            zoned(
                "2024-10-27T02:00:00+01:00",
                "Europe/Paris",
                "+01:00",
                false,
                "Sunday",
                1729990800)),
        call("convert", str("2024-10-27T01:00:00Z"), str("Europe/Paris")));
    assertEquals(
        ok(
            zoned(
                "2024-01-15T11:00:00+11:00",
                "Australia/Sydney",
                "+11:00",
                true,
                "Monday",
                1705276800)),
        call("convert", str("2024-01-15T00:00:00Z"), str("Australia/Sydney")));
    assertEquals(
        ok(
            zoned(
                "2024-07-15T05:30:00+05:30",
                "Asia/Kolkata",
                "+05:30",
                false,
                "Monday",
                1721001600)),
        call("convert", str("2024-07-15T00:00:00Z"), str("Asia/Kolkata")));
    assertEquals(
        ok(zoned("2024-07-14T23:00:00-01:00", "-01:00", "-01:00", false, "Sunday", 1721001600)),
        call("convert", str("2024-07-15T09:30:00+09:30"), str("-01:00")));
  }

  @Test
  void badInputIsExplained() throws Exception {
    assertEquals(
        err(
            "unknown time zone \"Mars/Olympus\": use an IANA name from list-time-zones (such as"
                + " Europe/Paris), UTC, or an offset such as +05:30"),
        call("now", str("Mars/Olympus")));
    assertEquals(
        err(
            "cannot read the instant \"yesterday\": expected ISO 8601 with Z or an offset, such as"
                + " 2024-03-10T12:00:00Z"),
        call("convert", str("yesterday"), str("UTC")));
  }

  @Test
  void nowReadsTheHostClock() throws Exception {
    long before = Instant.now().getEpochSecond();
    RecordValue now = (RecordValue) ((ResultValue) call("now", str("UTC"))).payload().orElseThrow();
    long after = Instant.now().getEpochSecond();
    long seconds = ((IntValue) now.fields().get(5)).bits();
    assertTrue(before <= seconds && seconds <= after, before + " <= " + seconds + " <= " + after);
    assertEquals(
        str(Instant.ofEpochSecond(seconds).toString().replace("Z", "+00:00")), now.fields().get(0));
  }

  @Test
  void listTimeZonesIsSorted() throws Exception {
    List<Value> zones = ((ListValue) call("list-time-zones")).elements();
    assertEquals(75, zones.size());
    assertEquals(str("Africa/Johannesburg"), zones.get(0));
    assertTrue(zones.contains(str("Europe/Paris")));
  }

  private static Value zoned(
      String local, String zone, String offset, boolean dst, String weekday, long seconds) {
    return record(str(local), str(zone), str(offset), bool(dst), str(weekday), s64(seconds));
  }

  private static Value call(String function, Value... args) throws Exception {
    return tool.call(IFACE + "#" + function, List.of(args), Capabilities.none())
        .value()
        .orElseThrow();
  }
}
