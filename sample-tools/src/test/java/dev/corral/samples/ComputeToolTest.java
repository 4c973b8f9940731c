package dev.corral.samples;

import static dev.corral.samples.Values.list;
import static dev.corral.samples.Values.record;
import static dev.corral.samples.Values.str;
import static dev.corral.samples.Values.u32;
import static dev.corral.samples.Values.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.corral.sandbox.binary.Definition;
import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ComponentInstance;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.runtime.InstanceLimits;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.values.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The C compute tool imports nothing, so it runs on the bare runtime. */
class ComputeToolTest {
  private static final String IFACE = "corral:compute/text@0.1.0";
  private static CompiledComponent component;

  private ComputeToolTest() {}

  @BeforeAll
  static void compile() throws Exception {
    component = CompiledComponent.compile(Samples.wasm("compute"));
  }

  @Test
  void importsNothingAndExportsExactlyTheTextInterface() throws Exception {
    assertEquals(
        List.of(),
        component.component().definitions().stream()
            .filter(d -> d instanceof Definition.Import)
            .toList());
    RecordType stats =
        new RecordType(
            List.of(
                new Field("bytes", Primitive.U64), new Field("chars", Primitive.U64),
                new Field("lines", Primitive.U64), new Field("words", Primitive.U64)));
    RecordType wordCount =
        new RecordType(
            List.of(new Field("word", Primitive.STRING), new Field("count", Primitive.U32)));
    assertEquals(
        List.of(
            new ExportedFunction(
                Optional.of(IFACE),
                "sha256",
                new FuncType(
                    List.of(new Field("text", Primitive.STRING)), Optional.of(Primitive.STRING))),
            new ExportedFunction(
                Optional.of(IFACE),
                "stats",
                new FuncType(List.of(new Field("text", Primitive.STRING)), Optional.of(stats))),
            new ExportedFunction(
                Optional.of(IFACE),
                "top-words",
                new FuncType(
                    List.of(new Field("text", Primitive.STRING), new Field("limit", Primitive.U32)),
                    Optional.of(new ListType(wordCount))))),
        instance().functions());
  }

  @Test
  void sha256OfKnownVectors() throws Exception {
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", sha256(""));
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", sha256("abc"));
    assertEquals(
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
  }

  @Test
  void sha256MatchesJavaAcrossEveryPaddingBoundaryAndForNonAscii() throws Exception {
    ComponentInstance instance = instance();
    StringBuilder text = new StringBuilder();
    for (int length = 0; length <= 130; length++) {
      assertEquals(
          javaSha256(text.toString()), sha256(instance, text.toString()), "length " + length);
      text.append((char) ('a' + length % 26));
    }
    assertEquals(javaSha256("grüße, 世界 🌍"), sha256(instance, "grüße, 世界 🌍"));
  }

  @Test
  void sha256OfAMegabyte() throws Exception {
    String big = "The quick brown fox jumps over the lazy dog. ".repeat(1024 * 1024 / 45);
    assertEquals(javaSha256(big), sha256(big));
  }

  @Test
  void statsCountLikeWc() throws Exception {
    assertEquals(record(u64(0), u64(0), u64(0), u64(0)), call(instance(), "stats", str("")));
    assertEquals(
        record(u64(23), u64(23), u64(2), u64(4)),
        call(instance(), "stats", str("hello world\nsecond line")));
    assertEquals(
        record(u64(20), u64(16), u64(3), u64(3)),
        call(instance(), "stats", str("héllo\n\n wörld €\n")));
    assertEquals(record(u64(4), u64(1), u64(1), u64(1)), call(instance(), "stats", str("🌍")));
  }

  @Test
  void statsOfLargeText() throws Exception {
    String line = "one two  three\tfour ünïcödé\n";
    int repeats = 40_000;
    String text = line.repeat(repeats);
    long bytes = (long) line.getBytes(StandardCharsets.UTF_8).length * repeats;
    assertEquals(
        record(u64(bytes), u64((long) line.length() * repeats), u64(repeats), u64(5L * repeats)),
        call(instance(), "stats", str(text)));
  }

  @Test
  void topWordsByCountThenByteOrderCaseInsensitive() throws Exception {
    String text = "The cat and the hat. THE end; cat's hat!";
    assertEquals(
        list(
            record(str("the"), u32(3)),
            record(str("cat"), u32(2)),
            record(str("hat"), u32(2)),
            record(str("and"), u32(1))),
        call(instance(), "top-words", str(text), u32(4)));
    assertEquals(list(), call(instance(), "top-words", str(text), u32(0)));
    assertEquals(list(), call(instance(), "top-words", str(" ... !!! "), u32(10)));
    assertEquals(
        list(record(str("straße"), u32(2)), record(str("x_1"), u32(1))),
        call(instance(), "top-words", str("Straße straße x_1"), u32(100)));
  }

  @Test
  void topWordsOverManyDistinctWords() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      text.append("w").append(i).append(' ');
    }
    text.append("w7 w7 w123");
    assertEquals(
        list(record(str("w7"), u32(3)), record(str("w123"), u32(2)), record(str("w0"), u32(1))),
        call(instance(), "top-words", str(text.toString()), u32(3)));
  }

  @Test
  void oneInstanceServesManyCallsWithoutLeaking() throws Exception {
    ComponentInstance instance =
        component.instantiate(Linker.empty(), new InstanceLimits(8)); // 512 KiB
    String text = "x".repeat(64 * 1024);
    for (int i = 0;
        i < 24;
        i++) { // 1.5 MiB of arguments to each function in total, and as many results
      assertEquals(
          record(u64(1 << 16), u64(1 << 16), u64(1), u64(1)), call(instance, "stats", str(text)));
      assertEquals(javaSha256(text), sha256(instance, text));
      assertEquals(list(record(str(text), u32(1))), call(instance, "top-words", str(text), u32(5)));
    }
  }

  private static ComponentInstance instance() throws Exception {
    return component.instantiate(Linker.empty());
  }

  private static String sha256(String text) throws Exception {
    return sha256(instance(), text);
  }

  private static String sha256(ComponentInstance instance, String text) throws Exception {
    return ((dev.corral.sandbox.values.StringValue) call(instance, "sha256", str(text))).value();
  }

  static Value call(ComponentInstance instance, String function, Value... args) throws Exception {
    ExportedFunction f = instance.function(IFACE + "#" + function).orElseThrow();
    return instance.call(f, List.of(args)).orElseThrow();
  }

  private static String javaSha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
