package dev.corral.sandbox.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.corral.sandbox.runtime.TestComponents;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The typed models of the {@code component-name} and {@code package-docs} custom sections. */
class CustomSectionsTest {
  private static final byte[] PREAMBLE = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};

  @Test
  void namesOfAHandWrittenComponentAreTheIdentifiersOfItsText() throws Exception {
    // src/test/wat/host-handles.wat, assembled by jco parse, which writes a component-name section
    Component c = ComponentDecoder.decode(TestComponents.bytes("corral/host-handles.wasm"));
    ComponentNames names = c.names().orElseThrow();
    assertEquals(Optional.empty(), names.component());
    assertEquals(Map.of(
        Sort.CORE_FUNC, Map.of(0, "callback'", 2, "new", 3, "drop"),
        Sort.CORE_MODULE, Map.of(0, "D", 1, "M"),
        Sort.CORE_INSTANCE, Map.of(1, "d", 3, "m"),
        Sort.FUNC, Map.of(0, "callback"),
        Sort.TYPE, Map.of(1, "R", 2, "R'"),
        Sort.INSTANCE, Map.of(0, "host")), names.sortNames());
    assertEquals(Optional.of("R'"), names.name(Sort.TYPE, 2));
    assertEquals(Optional.empty(), names.name(Sort.TYPE, 0));
    assertEquals(Optional.empty(), names.name(Sort.COMPONENT, 0));
  }

  @Test
  void nestedComponentsHaveTheirOwnNames() throws Exception {
    Component c = ComponentDecoder.decode(TestComponents.bytes("component-docs/calculator.composed.wasm"));
    assertEquals(Optional.empty(), c.names());
    List<Optional<String>> nested = c.definitions().stream()
        .filter(d -> d instanceof Definition.NestedComponent)
        .map(d -> {
          try {
            return ((Definition.NestedComponent) d).component().names().orElseThrow().component();
          } catch (ComponentDecodeException e) {
            throw new AssertionError(e);
          }
        })
        .toList();
    assertEquals(List.of(Optional.of("adder"), Optional.of("calculator")), nested);
  }

  @Test
  void aMalformedNameSectionFailsOnlyWhenItIsRead() throws Exception {
    // subsection 1 (sort names) of 5 bytes: sort func, 1 name, index 0, a name of length 9
    byte[] contents = {0x01, 0x05, 0x01, 0x01, 0x00, 0x09, 'x'};
    byte[] bytes = withCustomSection("component-name", contents);
    Component c = ComponentDecoder.decode(bytes); // advisory: decoding succeeds
    int at = bytes.length - contents.length;
    ComponentDecodeException e = assertThrows(ComponentDecodeException.class, c::names);
    assertEquals(at + 6, e.offset());
    assertEquals("at byte offset " + (at + 6) + ": custom section component-name: unexpected end of section"
        + " while reading func name", e.getMessage());
  }

  @Test
  void aSortNamedTwiceIsAnError() throws Exception {
    byte[] contents = {0x00, 0x02, 0x01, 'c', 0x01, 0x04, 0x01, 0x01, 0x00, 0x00, 0x01, 0x04, 0x01, 0x01, 0x00, 0x00};
    byte[] bytes = withCustomSection("component-name", contents);
    int at = bytes.length - contents.length;
    ComponentDecodeException e = assertThrows(ComponentDecodeException.class, () -> ComponentDecoder.decode(bytes).names());
    assertEquals("at byte offset " + (at + 12) + ": custom section component-name: names for func are given twice",
        e.getMessage());
    byte[] once = withCustomSection("component-name", java.util.Arrays.copyOf(contents, 10));
    assertEquals(new ComponentNames(Optional.of("c"), Map.of(Sort.FUNC, Map.of(0, ""))),
        ComponentDecoder.decode(once).names().orElseThrow());
  }

  @Test
  void packageDocsInFormatV0() throws Exception {
    String json = "{\"docs\":\"The package.\",\"worlds\":{\"calculator\":{\"docs\":\"A world.\","
        + "\"funcs\":{\"run\":\"Runs it.\"}}},\"interfaces\":{\"calculate\":{\"docs\":\"Calculates.\","
        + "\"funcs\":{\"eval-expression\":\"Evaluates.\"},\"types\":{\"op\":{\"docs\":\"An operation.\","
        + "\"items\":{\"add\":\"Adds.\"}}}}}}";
    PackageDocs docs = docs(0, json);
    assertEquals(new PackageDocs(0, Optional.of("The package."),
        Map.of("calculator", new PackageDocs.World(Optional.of("A world."), Map.of(), Map.of(), Map.of(),
            Map.of("run", new PackageDocs.Function(Optional.of("Runs it."))), Map.of())),
        Map.of("calculate", new PackageDocs.Interface(Optional.of("Calculates."),
            Map.of("eval-expression", new PackageDocs.Function(Optional.of("Evaluates."))),
            Map.of("op", new PackageDocs.Type(Optional.of("An operation."), Map.of("add", "Adds.")))))), docs);
  }

  @Test
  void packageDocsInFormatV1KeepDocsAndSkipStability() throws Exception {
    String json = "{\"worlds\":{\"w\":{\"stability\":{\"stable\":{\"since\":\"1.0.0\"}},"
        + "\"func_exports\":{\"f\":{\"docs\":\"Exported f \\u00e9\\n.\",\"stability\":{\"unknown\":null}}},"
        + "\"interface_exports\":{\"i\":{\"funcs\":{\"g\":{\"stability\":{}}}}}}}}";
    PackageDocs docs = docs(1, json);
    PackageDocs.World w = docs.worlds().get("w");
    assertEquals(1, docs.version());
    assertEquals(Map.of("f", new PackageDocs.Function(Optional.of("Exported f \u00e9\n."))), w.funcExports());
    assertEquals(Map.of("i", new PackageDocs.Interface(Optional.empty(),
        Map.of("g", new PackageDocs.Function(Optional.empty())), Map.of())), w.interfaceExports());
    assertEquals(Map.of(), docs.interfaces());
  }

  @Test
  void malformedPackageDocsNameTheOffsetAndThePath() throws Exception {
    String json = "{\"interfaces\": {\"calculate\": {\"funcs\": {\"eval-expression\": 5}}}}";
    assertDocsError(0, json, json.indexOf('5'),
        "custom section package-docs: $.interfaces.calculate.funcs.eval-expression: expected a string or an"
            + " object, found a number");
    assertDocsError(0, "{\"worlds\": []}", 11, "custom section package-docs: $.worlds: expected an object, found an array");
    assertDocsError(0, "[]", 0, "custom section package-docs: $: expected an object, found an array");
    assertDocsError(0, "{\"docs\": ", 9, "custom section package-docs: invalid JSON: expected a value, found end of input");
    assertDocsError(0, "{\"a\":1,\"a\":2}", 7, "custom section package-docs: invalid JSON: member \"a\" given twice");
    assertDocsError(0, "{} x", 3, "custom section package-docs: invalid JSON: unexpected 'x' after the JSON value");
    assertDocsError(0, "{\"é\": tru}", 7, "custom section package-docs: invalid JSON: expected a value, found 't'");
    byte[] bytes = withCustomSection("package-docs", new byte[] {2, '{', '}'});
    ComponentDecodeException e = assertThrows(ComponentDecodeException.class,
        () -> ComponentDecoder.decode(bytes).packageDocs());
    assertEquals("at byte offset " + (bytes.length - 3) + ": custom section package-docs: unsupported version 2,"
        + " expected 0 or 1", e.getMessage());
  }

  @Test
  void aComponentWithoutTheSectionsHasNeither() throws Exception {
    Component c = ComponentDecoder.decode(TestComponents.bytes("adder.component.wasm"));
    assertEquals(Optional.empty(), c.names());
    assertEquals(Optional.empty(), c.packageDocs());
  }

  private static PackageDocs docs(int version, String json) throws ComponentDecodeException {
    return ComponentDecoder.decode(withCustomSection("package-docs", contents(version, json))).packageDocs().orElseThrow();
  }

  /** {@code jsonOffset} counts UTF-8 bytes from the start of the JSON text. */
  private static void assertDocsError(int version, String json, int jsonOffset, String reason) throws Exception {
    byte[] contents = contents(version, json);
    byte[] bytes = withCustomSection("package-docs", contents);
    long expected = bytes.length - contents.length + 1 + jsonOffset;
    ComponentDecodeException e = assertThrows(ComponentDecodeException.class,
        () -> ComponentDecoder.decode(bytes).packageDocs());
    assertEquals("at byte offset " + expected + ": " + reason, e.getMessage());
  }

  private static byte[] contents(int version, String json) {
    byte[] text = json.getBytes(StandardCharsets.UTF_8);
    byte[] contents = new byte[text.length + 1];
    contents[0] = (byte) version;
    System.arraycopy(text, 0, contents, 1, text.length);
    return contents;
  }

  /** An empty component with one custom section. */
  private static byte[] withCustomSection(String name, byte[] contents) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    u32(body, nameBytes.length);
    body.writeBytes(nameBytes);
    body.writeBytes(contents);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(PREAMBLE);
    out.write(0x00);
    u32(out, body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static void u32(ByteArrayOutputStream out, int value) {
    do {
      int b = value & 0x7f;
      value >>>= 7;
      out.write(value != 0 ? b | 0x80 : b);
    } while (value != 0);
  }
}
