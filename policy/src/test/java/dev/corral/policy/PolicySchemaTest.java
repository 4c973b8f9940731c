package dev.corral.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The published schema accepts what the parser accepts and rejects what it can express of the rest.
 */
class PolicySchemaTest {
  static final YAMLMapper YAML = YAMLMapper.builder().build();
  static final Schema SCHEMA = load();

  static Schema load() {
    try (InputStream in =
        PolicySchemaTest.class.getResourceAsStream("/corral-policy.schema.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static List<Error> validate(String yaml) {
    JsonNode node = YAML.readTree(yaml);
    return SCHEMA.validate(node);
  }

  static final List<String> EXAMPLES = Examples.ALL;

  @ParameterizedTest
  @FieldSource("EXAMPLES")
  void everyExampleIsValid(String name) {
    assertEquals(List.of(), validate(Examples.text(name)));
  }

  /** Policies the parser rejects and the schema can also see are wrong. */
  static final List<String> SCHEMA_CAN_REJECT =
      List.of(
          "description: no version\n",
          "version: \"2.0\"\n",
          "version: \"1.0\"\npermisions: {}\n",
          "version: \"1.0\"\nstorage: {}\n",
          "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n      - uri: /etc\n        access: [read]\n",
          "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n      - uri: fs:///a\n        access: [exec]\n",
          "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n      - uri: fs:///a\n        access: []\n",
          "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n      - uri: fs:///a\n",
          "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: exa*mple.com\n",
          "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - cidr: 10.0.0.0\n",
          "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: a.com\n        cidr: 10.0.0.0/8\n",
          "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: a.com\n        ports: [0]\n",
          "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: a.com\n        schemes: [ftp]\n",
          "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - defaults: false\n",
          "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: AWS_*\n",
          "version: \"1.0\"\npermissions:\n  environment:\n    deny:\n      - key: X\n",
          "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: X\n        value: hunter2\n",
          "version: \"1.0\"\nsecrets:\n  - name: token\n    value: hunter2\n",
          "version: \"1.0\"\nlimits:\n  timeout: 30\n",
          "version: \"1.0\"\nlimits:\n  memory: lots\n",
          "version: \"1.0\"\nlimits:\n  cpu: 1\n",
          "version: \"1.0\"\npermissions: [1, 2]\n",
          "version: \"1.0\"\ndescription: 42\n");

  @ParameterizedTest
  @FieldSource("SCHEMA_CAN_REJECT")
  void parserAndSchemaAgreeOnRejection(String yaml) {
    assertThrows(PolicyException.class, () -> PolicyParser.parse(yaml, "t", Path.of("/")));
    assertFalse(validate(yaml).isEmpty(), "schema accepted:\n" + yaml);
  }

  @Test
  void canonicalOutputIsValid() throws Exception {
    for (String name : Examples.ALL) {
      Policy policy = PolicyParser.parse(Examples.text(name), name, Path.of("/"));
      assertEquals(List.of(), validate(PolicyWriter.toYaml(policy)), name);
    }
  }

  /** The {@code $schema=} of a yaml-language-server modeline in {@code text}. */
  static String modelineSchema(String text) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("# yaml-language-server: \\$schema=(\\S+)").matcher(text);
    assertTrue(m.find(), text);
    return m.group(1);
  }

  @Test
  void theEditorModelinesOfTheReadmeAndTheExamplesNameTheSchemaFile() throws Exception {
    Path schema = Path.of("src/main/resources/corral-policy.schema.json");
    assertEquals("urn:corral:policy-schema:1", SCHEMA.getSchemaNode().get("$id").asString());
    // README: an absolute path into the checkout; this module is <checkout>/policy.
    String readme = modelineSchema(java.nio.file.Files.readString(Path.of("README.md")));
    assertTrue(readme.startsWith("/path/to/corral/"), readme);
    assertTrue(
        java.nio.file.Files.isSameFile(
            schema, Path.of("..").resolve(readme.substring("/path/to/corral/".length()))));
    // An example: a path relative to the policy file.
    Path example = Path.of("src/test/resources/policies/corral-full.yaml");
    String relative = modelineSchema(java.nio.file.Files.readString(example));
    assertTrue(java.nio.file.Files.isSameFile(schema, example.resolveSibling(relative)), relative);
  }

  @Test
  void schemaIsItselfValidJsonSchema() {
    Schema meta =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(
                com.networknt.schema.SchemaLocation.of(
                    "https://json-schema.org/draft/2020-12/schema"));
    assertTrue(meta.validate(SCHEMA.getSchemaNode()).isEmpty());
  }
}
