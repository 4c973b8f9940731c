package dev.corral.mcp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.corral.policy.OffLimits;
import dev.corral.policy.Policy;
import dev.corral.policy.PolicyParser;
import dev.corral.policy.SecretStore;
import dev.corral.samples.SampleTool;
import dev.corral.samples.SampleTools;
import dev.corral.sandbox.SandboxedComponent;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.DirectoryGrant;
import dev.corral.sandbox.capability.Endpoint;
import dev.corral.sandbox.values.EnumValue;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.RecordValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample tools' shipped policies, read by {@link PolicyParser} and turned into the sandbox's
 * capabilities by {@link PolicyCapabilities} with the environment {@link SecretStore} selects, as
 * the server does for every call; the bundled components then run under them.
 */
class SamplePoliciesTest {
  /** The host environment the server would start with: more than any sample may see. */
  private static final Map<String, String> HOST =
      Map.of(
          "LANG",
          "en_GB.UTF-8",
          "TZ",
          "Europe/Paris",
          "HOME",
          "/home/user",
          "PATH",
          "/usr/bin",
          "AWS_SECRET_ACCESS_KEY",
          "x");

  private static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("https", "example.com", 443), new Endpoint("https", "en.wikipedia.org", 443),
          new Endpoint("https", "example.org", 443), new Endpoint("http", "127.0.0.1", 8080));

  @TempDir Path dir;

  private Capabilities capabilities(String tool) throws Exception {
    Path source = Path.of("../sample-tools", tool, tool + ".policy.yaml");
    Policy policy = PolicyParser.parse(Files.readString(source), source.toString(), dir);
    return PolicyCapabilities.of(
        policy,
        new SecretStore(dir.resolve("secrets")).environmentFor(tool, policy, HOST),
        OffLimits.NONE);
  }

  private static List<Endpoint> reachable(Capabilities capabilities) {
    return ENDPOINTS.stream().filter(capabilities.network()::allows).toList();
  }

  private static Value call(String tool, String function, Capabilities capabilities, Value... args)
      throws Exception {
    SampleTool sample = SampleTools.find(tool).orElseThrow();
    SandboxedComponent component = SandboxedComponent.load(sample.wasm());
    String iface = component.functions().get(0).interfaceName().orElseThrow();
    return component
        .call(iface + "#" + function, List.of(args), capabilities)
        .value()
        .orElseThrow();
  }

  @Test
  void theConfigSampleSeesLangAndTzAndNothingElse() throws Exception {
    Capabilities config = capabilities("config");
    assertEquals(Map.of("LANG", "en_GB.UTF-8", "TZ", "Europe/Paris"), config.environment());
    assertEquals(
        new ListValue(
            List.of(
                new RecordValue(List.of(new StringValue("LANG"), new StringValue("en_GB.UTF-8"))),
                new RecordValue(List.of(new StringValue("TZ"), new StringValue("Europe/Paris"))))),
        call("config", "with-prefix", config, new StringValue("")));
    assertEquals(List.of(), config.directories());
    assertEquals(List.of(), reachable(config));
  }

  @Test
  void theFilesystemSampleReadsUsrShareDocReadOnlyAndNothingElse() throws Exception {
    Capabilities filesystem = capabilities("filesystem");
    assertEquals(
        List.of(new DirectoryGrant(Path.of("/usr/share/doc"), "/usr/share/doc", false)),
        filesystem.directories());
    assertEquals(
        5L << 20, filesystem.limits().maxResultBytes(), "a 4 MiB file fits the result limit");
    assertEquals(
        new EnumValue(1),
        ((RecordValue)
                ((ResultValue)
                        call("filesystem", "stat", filesystem, new StringValue("/usr/share/doc")))
                    .payload()
                    .orElseThrow())
            .fields()
            .get(0));
    assertEquals(
        ResultValue.err(
            new StringValue(
                "cannot list /etc: access denied: the path is outside the directories"
                    + " the tool's policy grants (permissions.storage.allow), or the policy does not grant this access")),
        call("filesystem", "list-directory", filesystem, new StringValue("/etc")));
    assertEquals(Map.of(), filesystem.environment());
    assertEquals(List.of(), reachable(filesystem));
  }

  @Test
  void theFetchSampleReachesExampleComAndWikipediaOnly() throws Exception {
    Capabilities fetch = capabilities("fetch");
    assertEquals(
        List.of(
            new Endpoint("https", "example.com", 443),
            new Endpoint("https", "en.wikipedia.org", 443)),
        reachable(fetch));
    assertEquals(List.of(), fetch.directories());
    assertEquals(Map.of(), fetch.environment());
  }

  @Test
  void theComputeAndTimeSamplesGetNothing() throws Exception {
    for (String tool : List.of("compute", "time")) {
      Capabilities nothing = capabilities(tool);
      assertEquals(List.of(), nothing.directories(), tool);
      assertEquals(Map.of(), nothing.environment(), tool);
      assertEquals(List.of(), reachable(nothing), tool);
    }
  }
}
