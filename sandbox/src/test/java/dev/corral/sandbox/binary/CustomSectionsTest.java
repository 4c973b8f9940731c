package dev.corral.sandbox.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertEquals(
        Map.of(
            Sort.CORE_FUNC, Map.of(0, "callback'", 2, "new", 3, "drop"),
            Sort.CORE_MODULE, Map.of(0, "D", 1, "M"),
            Sort.CORE_INSTANCE, Map.of(1, "d", 3, "m"),
            Sort.FUNC, Map.of(0, "callback"),
            Sort.TYPE, Map.of(1, "R", 2, "R'"),
            Sort.INSTANCE, Map.of(0, "host")),
        names.sortNames());
    assertEquals(Optional.of("R'"), names.name(Sort.TYPE, 2));
    assertEquals(Optional.empty(), names.name(Sort.TYPE, 0));
    assertEquals(Optional.empty(), names.name(Sort.COMPONENT, 0));
  }

  @Test
  void nestedComponentsHaveTheirOwnNames() throws Exception {
    Component c =
        ComponentDecoder.decode(TestComponents.bytes("component-docs/calculator.composed.wasm"));
    assertEquals(Optional.empty(), c.names());
    List<Optional<String>> nested =
        c.definitions().stream()
            .filter(d -> d instanceof Definition.NestedComponent)
            .map(
                d -> {
                  try {
                    return ((Definition.NestedComponent) d)
                        .component()
                        .names()
                        .orElseThrow()
                        .component();
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
    assertEquals(
        "at byte offset "
            + (at + 6)
            + ": custom section component-name: unexpected end of section"
            + " while reading func name",
        e.getMessage());
  }

  @Test
  void aSortNamedTwiceIsAnError() throws Exception {
    byte[] contents = {
      0x00, 0x02, 0x01, 'c', 0x01, 0x04, 0x01, 0x01, 0x00, 0x00, 0x01, 0x04, 0x01, 0x01, 0x00, 0x00
    };
    byte[] bytes = withCustomSection("component-name", contents);
    int at = bytes.length - contents.length;
    ComponentDecodeException e =
        assertThrows(ComponentDecodeException.class, () -> ComponentDecoder.decode(bytes).names());
    assertEquals(
        "at byte offset "
            + (at + 12)
            + ": custom section component-name: names for func are given twice",
        e.getMessage());
    byte[] once = withCustomSection("component-name", java.util.Arrays.copyOf(contents, 10));
    assertEquals(
        new ComponentNames(Optional.of("c"), Map.of(Sort.FUNC, Map.of(0, ""))),
        ComponentDecoder.decode(once).names().orElseThrow());
  }

  @Test
  void packageDocsInFormatV0() throws Exception {
    String json =
        "{\"docs\":\"The package.\",\"worlds\":{\"calculator\":{\"docs\":\"A world.\","
            + "\"funcs\":{\"run\":\"Runs it.\",\"stop\":null}}},\"interfaces\":{\"calculate\":{\"docs\":\"Calculates.\","
            + "\"funcs\":{\"eval-expression\":\"Evaluates.\"},\"types\":{\"op\":{\"docs\":\"An operation.\","
            + "\"items\":{\"add\":\"Adds.\"}}}}}}";
    PackageDocs docs = docs(0, json);
    assertEquals(
        new PackageDocs(
            0,
            Optional.empty(),
            Optional.of("The package."),
            Map.of(
                "calculator",
                new PackageDocs.World(
                    Optional.of("A world."),
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    Map.of(
                        "run",
                        new PackageDocs.Function(Optional.of("Runs it.")),
                        "stop",
                        new PackageDocs.Function(Optional.empty())),
                    Map.of(),
                    Map.of(),
                    Map.of())),
            Map.of(
                "calculate",
                new PackageDocs.Interface(
                    Optional.of("Calculates."),
                    Map.of("eval-expression", new PackageDocs.Function(Optional.of("Evaluates."))),
                    Map.of(
                        "op",
                        new PackageDocs.Type(
                            Optional.of("An operation."), Map.of("add", "Adds.")))))),
        docs);
    assertEquals(List.of("calculate"), List.copyOf(docs.interfaces().keySet()));
  }

  /**
   * Every field of format v1 as wit-parser writes it (metadata.rs), stability in each of its forms.
   */
  @Test
  void packageDocsInFormatV1KeepDocsAndCheckStability() throws Exception {
    String json =
        """
        {"package": "docs:adder@0.1.0", "docs": null,
         "worlds": {"w": {
           "docs": "The world.", "stability": {"stable": {"since": "0.1.0"}},
           "interfaces": {"imp": {"docs": "Imported inline."}},
           "interface_exports": {"imp": {"funcs": {"g": {"stability": "unknown"}}}},
           "types": {"t": {"docs": "T.", "stability": {"unknown": null}}},
           "funcs": {"f": {"docs": "Imported f."}},
           "func_exports": {"f": {"docs": "Exported f \\u00e9\\n.", "stability": {"unstable": {"feature": "x", "deprecated": null}}}},
           "interface_import_stability": {"wasi:cli/stdout@0.2.0": {"stable": {"since": "0.2.0", "deprecated": "0.2.3"}}},
           "interface_export_stability": {},
           "interface_import_docs": {"wasi:cli/stdout@0.2.0": "Where output goes."},
           "interface_export_docs": {"docs:adder/add@0.1.0": "The adder."}}},
         "interfaces": {"add": {"stability": "unknown", "funcs": {"[method]r.m": {"docs": "M."}},
           "types": {"r": {"items": {"a": "A.", "b": "B."}}}}}}""";
    PackageDocs docs = docs(1, json);
    assertEquals(1, docs.version());
    assertEquals(Optional.of("docs:adder@0.1.0"), docs.packageName());
    assertEquals(Optional.empty(), docs.docs());
    assertEquals(
        new PackageDocs.World(
            Optional.of("The world."),
            Map.of(
                "imp",
                new PackageDocs.Interface(Optional.of("Imported inline."), Map.of(), Map.of())),
            Map.of(
                "imp",
                new PackageDocs.Interface(
                    Optional.empty(),
                    Map.of("g", new PackageDocs.Function(Optional.empty())),
                    Map.of())),
            Map.of("t", new PackageDocs.Type(Optional.of("T."), Map.of())),
            Map.of("f", new PackageDocs.Function(Optional.of("Imported f."))),
            Map.of("f", new PackageDocs.Function(Optional.of("Exported f \u00e9\n."))),
            Map.of("wasi:cli/stdout@0.2.0", "Where output goes."),
            Map.of("docs:adder/add@0.1.0", "The adder.")),
        docs.worlds().get("w"));
    assertEquals(
        Map.of(
            "add",
            new PackageDocs.Interface(
                Optional.empty(),
                Map.of("[method]r.m", new PackageDocs.Function(Optional.of("M."))),
                Map.of("r", new PackageDocs.Type(Optional.empty(), Map.of("a", "A.", "b", "B."))))),
        docs.interfaces());
    assertEquals(
        List.of("a", "b"),
        List.copyOf(docs.interfaces().get("add").types().get("r").items().keySet()));
    assertFalse(docs.isEmpty());
    assertTrue(docs(1, "{\"package\": \"a:b\"}").isEmpty());
  }

  @Test
  void everySectionOfAComponentIsReadInOrder() throws Exception {
    byte[] first = contents(1, "{\"package\": \"a:b@1.0.0\", \"docs\": \"One.\"}");
    byte[] second = contents(0, "{\"docs\": \"Two.\"}");
    byte[] bytes =
        withCustomSections(
            List.of(
                Map.entry("package-docs", first),
                Map.entry("other", new byte[] {1}),
                Map.entry("package-docs", second)));
    List<PackageDocs> docs = ComponentDecoder.decode(bytes).packageDocs();
    assertEquals(
        List.of(Optional.of("One."), Optional.of("Two.")),
        docs.stream().map(PackageDocs::docs).toList());
    assertEquals(
        List.of(Optional.of("a:b@1.0.0"), Optional.empty()),
        docs.stream().map(PackageDocs::packageName).toList());
  }

  @Test
  void malformedPackageDocsNameTheOffsetTheSectionAndThePath() throws Exception {
    // Each error is at the token the marker (the last argument but one) starts.
    assertDocsError(
        0,
        "{\"interfaces\": {\"calculate\": {\"funcs\": {\"eval-expression\": 5}}}}",
        "5}",
        "$.interfaces.calculate.funcs.eval-expression: expected a string, an object or null, found a number");
    assertDocsError(0, "{\"worlds\": []}", "[]", "$.worlds: expected an object, found an array");
    assertDocsError(0, "{\"worlds\": null}", "null", "$.worlds: expected an object, found null");
    assertDocsError(0, "[]", "[]", "$: expected an object, found an array");
    assertDocsError(0, "", "", "$: expected an object, found the end of the JSON");
    assertDocsError(
        1, "{\"package\": 1}", "1}", "$.package: expected a string or null, found a number");
    assertDocsError(
        1, "{\"docs\": true}", "true", "$.docs: expected a string or null, found a boolean");
    assertDocsError(
        1,
        "{\"interfaces\": {\"i\": {\"types\": {\"t\": {\"items\": {\"a\": null}}}}}}",
        "null",
        "$.interfaces.i.types.t.items.a: expected a string, found null");
    // Unknown fields, at every level: the format is closed (wit-parser's deny_unknown_fields).
    assertDocsError(
        1,
        "{\"doc\": \"x\"}",
        "\"doc\"",
        "$.doc: unknown field, expected one of docs, interfaces, package, worlds");
    assertDocsError(
        1,
        "{\"worlds\": {\"w\": {\"exports\": {}}}}",
        "\"exports\"",
        "$.worlds.w.exports: unknown field,"
            + " expected one of docs, func_exports, funcs, interface_export_docs, interface_export_stability,"
            + " interface_exports, interface_import_docs, interface_import_stability, interfaces, stability, types");
    assertDocsError(
        1,
        "{\"interfaces\": {\"i\": {\"funcs\": {\"[static]r.s\": {\"doc\": \"x\"}}}}}",
        "\"doc\"",
        "$.interfaces.i.funcs[\"[static]r.s\"].doc: unknown field, expected one of docs, stability");
    assertDocsError(
        1,
        "{\"interfaces\": {\"i\": {\"types\": {\"t\": {\"fields\": {}}}}}}",
        "\"fields\"",
        "$.interfaces.i.types.t.fields: unknown field, expected one of docs, items, stability");
    // Stability: one of wit-parser's three forms.
    assertDocsError(
        1,
        "{\"interfaces\": {\"i\": {\"stability\": {}}}}",
        "}}}",
        "$.interfaces.i.stability: expected \"unknown\" or an object with one member, stable, unstable or unknown,"
            + " found the end of the object");
    assertDocsError(
        1,
        "{\"interfaces\": {\"i\": {\"stability\": \"stable\"}}}",
        "\"stable\"",
        "$.interfaces.i.stability: expected \"unknown\" or an object with one member, stable, unstable or unknown,"
            + " found a string");
    assertDocsError(
        1,
        "{\"interfaces\": {\"i\": {\"stability\": {\"stable\": {}}}}}",
        "}}}}",
        "$.interfaces.i.stability.stable: missing field since");
    assertDocsError(
        1,
        "{\"interfaces\": {\"i\": {\"stability\": {\"unstable\": {\"feature\": 1}}}}}",
        "1}",
        "$.interfaces.i.stability.unstable.feature: expected a string, found a number");
    assertDocsError(
        1,
        "{\"interfaces\": {\"i\": {\"stability\": {\"since\": \"1.0.0\"}}}}",
        "\"since\"",
        "$.interfaces.i.stability.since: unknown stability, expected stable, unstable or unknown");
    assertDocsError(
        1,
        "{\"interfaces\": {\"i\": {\"stability\": {\"unknown\": null, \"stable\": {}}}}}",
        "\"stable\"",
        "$.interfaces.i.stability: a stability has exactly one member, found another: stable");
    assertDocsError(
        1,
        "{\"interfaces\": {\"i\": {\"stability\": {\"unknown\": {}}}}}",
        "{}}",
        "$.interfaces.i.stability.unknown: expected null, found an object");
    // What Jackson finds wrong with the JSON itself, at its byte offset.
    assertDocsError(
        0,
        "{\"docs\": ",
        "",
        "invalid JSON: Unexpected end-of-input within/between Object entries");
    assertDocsError(
        0,
        "{\"docs\":\"x\",\"docs\":\"y\"}",
        ":\"y",
        "invalid JSON: Duplicate Object property \"docs\"");
    assertDocsError(
        0,
        "{} x",
        "x",
        "invalid JSON: Unrecognized token 'x': was expecting (JSON String, Number, Array,"
            + " Object or token 'null', 'true' or 'false')");
    assertDocsError(
        0, "{} []", "[]", "expected the end of the JSON after the object, found an array");
    assertDocsError(
        0,
        "{\"docs\": \"\\ud800\"}",
        "\"\\",
        "$.docs: the string has an unpaired surrogate (\\uD800) at index 0");
    byte[] notUtf8 = {0, '{', '"', 'd', 'o', 'c', 's', '"', ':', '"', (byte) 0xC3, '"', '}'};
    ComponentDecodeException e =
        assertThrows(
            ComponentDecodeException.class,
            () ->
                ComponentDecoder.decode(withCustomSection("package-docs", notUtf8)).packageDocs());
    assertTrue(
        e.reason().endsWith(": invalid JSON: Invalid UTF-8 middle byte 0x22"), e.getMessage());

    byte[] bytes = withCustomSection("package-docs", new byte[] {2, '{', '}'});
    assertEquals(
        "at byte offset "
            + (bytes.length - 3)
            + ": custom section package-docs (section at byte offset "
            + (bytes.length - 3 - 13)
            + "): unsupported version 2, expected 0 or 1",
        assertThrows(
                ComponentDecodeException.class, () -> ComponentDecoder.decode(bytes).packageDocs())
            .getMessage());
    byte[] empty = withCustomSection("package-docs", new byte[0]);
    assertEquals(
        "at byte offset "
            + empty.length
            + ": custom section package-docs (section at byte offset "
            + (empty.length - 13)
            + "): empty, expected a version byte and JSON",
        assertThrows(
                ComponentDecodeException.class, () -> ComponentDecoder.decode(empty).packageDocs())
            .getMessage());
  }

  @Test
  void aComponentWithoutTheSectionsHasNeither() throws Exception {
    Component c = ComponentDecoder.decode(TestComponents.bytes("adder.component.wasm"));
    assertEquals(Optional.empty(), c.names());
    assertEquals(List.of(), c.packageDocs());
  }

  private static PackageDocs docs(int version, String json) throws ComponentDecodeException {
    List<PackageDocs> docs =
        ComponentDecoder.decode(withCustomSection("package-docs", contents(version, json)))
            .packageDocs();
    assertEquals(1, docs.size());
    return docs.get(0);
  }

  /**
   * The error is at the first occurrence of {@code marker} in {@code json} (ASCII, so characters
   * count bytes), or at its end for an empty marker.
   */
  private static void assertDocsError(int version, String json, String marker, String reason)
      throws Exception {
    int jsonOffset = marker.isEmpty() ? json.length() : json.indexOf(marker);
    assertTrue(jsonOffset >= 0, marker);
    byte[] contents = contents(version, json);
    byte[] bytes = withCustomSection("package-docs", contents);
    int section =
        bytes.length - contents.length - 13; // the name "package-docs" and its length byte
    long expected = bytes.length - contents.length + 1 + jsonOffset;
    ComponentDecodeException e =
        assertThrows(
            ComponentDecodeException.class, () -> ComponentDecoder.decode(bytes).packageDocs());
    assertEquals(
        "at byte offset "
            + expected
            + ": custom section package-docs (section at byte offset "
            + section
            + "): "
            + reason,
        e.getMessage());
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
    return withCustomSections(List.of(Map.entry(name, contents)));
  }

  /** An empty component with these custom sections, in order. */
  private static byte[] withCustomSections(List<Map.Entry<String, byte[]>> sections) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(PREAMBLE);
    for (Map.Entry<String, byte[]> section : sections) {
      byte[] nameBytes = section.getKey().getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      u32(body, nameBytes.length);
      body.writeBytes(nameBytes);
      body.writeBytes(section.getValue());
      out.write(0x00);
      u32(out, body.size());
      out.writeBytes(body.toByteArray());
    }
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
