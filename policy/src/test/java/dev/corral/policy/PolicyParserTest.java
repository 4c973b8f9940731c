package dev.corral.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class PolicyParserTest {
  static final Path BASE = Path.of("/corral/components/tool");
  static final List<String> EXAMPLES = Examples.ALL;

  static Policy parse(String yaml) throws PolicyException {
    return PolicyParser.parse(yaml, "policy.yaml", BASE);
  }

  @ParameterizedTest
  @FieldSource("EXAMPLES")
  void everyExampleParses(String name) throws PolicyException {
    PolicyParser.parse(Examples.text(name), name, BASE);
  }

  @Test
  void wassetteComprehensive() throws PolicyException {
    Policy p = parse(Examples.text("wassette/comprehensive.yaml"));
    assertEquals("1.0", p.version());
    assertEquals(Optional.of("Comprehensive policy with all permission types"), p.description());
    assertEquals(2, p.storage().allow().size());
    assertEquals(Path.of("/corral/components/tool/workspace"), p.storage().allow().get(0).pattern().root());
    assertEquals(List.of("**"), p.storage().allow().get(0).pattern().glob());
    assertEquals(Set.of(Access.READ, Access.WRITE), p.storage().allow().get(0).access());
    assertEquals(4, p.network().allow().size());
    assertEquals(new HostPattern("*.internal.company.com"), p.network().allow().get(1).target());
    assertEquals(CidrRange.parse("172.16.0.0/12"), p.network().allow().get(3).target());
    assertEquals(List.of("PATH", "HOME", "API_KEY"), p.environment().allow());
    assertEquals(Optional.of(500L), p.resources().cpuMillis());
    assertEquals(512L << 20, p.limits().memoryBytes());
    assertEquals(Set.of("runtime", "ipc"), p.inert().keySet());
    assertEquals(
        List.of(
            "permissions.runtime is accepted for Wassette compatibility and has no effect in Corral",
            "permissions.ipc is accepted for Wassette compatibility; Corral gives components no IPC, so it grants nothing",
            "permissions.resources.limits.cpu is not enforced; limits.timeout bounds each call's CPU time"),
        p.notices());
    assertEquals(List.of(), parse(Examples.text("corral-full.yaml")).notices());
  }

  @Test
  void urlAndPortHostsBecomeSchemeAndPortRestrictions() throws PolicyException {
    Policy p = parse(Examples.text("wassette/fetch-url-host.yaml"));
    assertEquals(
        new NetworkRule(new HostPattern("rss.nytimes.com"), List.of(PortRange.of(443)), Set.of("https")),
        p.network().allow().get(0));
    assertEquals(
        new NetworkRule(new HostPattern("localhost"), List.of(PortRange.of(8080)), Set.of()),
        p.network().allow().get(1));
  }

  @Test
  void legacyResourcesMemoryIsMebibytes() throws PolicyException {
    Policy p = parse(Examples.text("wassette/defaults-and-legacy-resources.yaml"));
    assertEquals(1024L << 20, p.limits().memoryBytes());
    assertEquals(new DefaultHosts(), p.network().allow().get(0).target());
  }

  @Test
  void corralAdditions() throws PolicyException {
    Policy p = parse(Examples.text("corral-full.yaml"));
    assertEquals(new Limits(Duration.ofSeconds(10), 64L << 20, 512L << 10), p.limits());
    assertEquals(List.of(new SecretRef("github-token", "GITHUB_TOKEN")), p.secrets());
    assertEquals(List.of("LANG", "GITHUB_TOKEN"), p.visibleEnvironment());
    NetworkRule cidr = p.network().allow().get(2);
    assertEquals(List.of(new PortRange(8000, 8100)), cidr.ports());
    assertEquals(Set.of("tcp"), cidr.schemes());
  }

  @Test
  void theReadmeExampleIsAValidPolicy() throws Exception {
    String readme = java.nio.file.Files.readString(Path.of("README.md"));
    int start = readme.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = readme.substring(start, readme.indexOf("```", start));
    Policy p = parse(yaml);
    assertEquals(64L << 20, p.limits().memoryBytes());
    assertEquals(6, p.network().allow().size());
    Decision d = p.storage().decide(Path.of("/srv/data/private/k"), Access.READ);
    assertEquals(
        "read /srv/data/private/k denied by permissions.storage.deny[0] (fs:///srv/data/private [read, write])", d.reason());
  }

  @Test
  void missingPolicyMeansDefaults() {
    Policy p = Policy.denyAll();
    assertEquals(Limits.DEFAULTS, p.limits());
    assertTrue(p.network().isDenyAll());
    assertTrue(p.storage().allow().isEmpty());
    assertTrue(p.environment().allowedKeys().isEmpty());
  }

  /** Each row: policy text, then the expected "line:column path | message fragment | hint fragment". */
  static final List<String[]> BAD =
      List.of(
          new String[] {"", "1:1  | the policy file is empty | version: \"1.0\""},
          new String[] {"version: \"1.0\"\npermisions: {}\n", "2:1 permisions | unknown key 'permisions' | did you mean 'permissions'?"},
          new String[] {"version: \"2.0\"\n", "1:10 version | unsupported policy version '2.0' | 1.x"},
          new String[] {"description: x\n", "1:1 version | missing required key 'version' | version: \"1.0\""},
          new String[] {"version: \"1.0\"\nstorage: {}\n", "2:1 storage | unknown key 'storage' | go under permissions:"},
          new String[] {
            "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n      - uri: \"/etc\"\n        access: [read]\n",
            "5:14 permissions.storage.allow[0].uri | storage URI must start with fs:// | fs:///absolute/path"
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n      - uri: \"fs:///a/**x\"\n        access: [read]\n",
            "5:14 permissions.storage.allow[0].uri | '**' must be a whole path segment | "
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n      - uri: \"fs:///a\"\n        access: [read, exec]\n",
            "6:24 permissions.storage.allow[0].access[1] | unknown access 'exec' | \"read\" or \"write\""
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n      - uri: \"fs:///a\"\n        access: []\n",
            "6:17 permissions.storage.allow[0].access | access is empty | "
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n      - uri: \"fs:///a\"\n",
            "5:9 permissions.storage.allow[0].access | missing required key 'access' | "
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: \"exa*mple.com\"\n",
            "5:15 permissions.network.allow[0].host | a wildcard may only be a leading '*.' label | "
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: \"*.*.example.com\"\n",
            "5:15 permissions.network.allow[0].host | a wildcard may only be a leading '*.' label | "
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - cidr: \"10.0.0.1/8\"\n",
            "5:15 permissions.network.allow[0].cidr | bits set past the /8 prefix; the range starts at 10.0.0.0/8 | "
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - cidr: \"10.0.0.0\"\n",
            "5:15 permissions.network.allow[0].cidr | CIDR needs a prefix length | "
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - cidr: \"10.0.0.0/33\"\n",
            "5:15 permissions.network.allow[0].cidr | prefix length 33 is larger than 32 | "
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: a.com\n        cidr: 10.0.0.0/8\n",
            "5:9 permissions.network.allow[0] | exactly one of host, cidr or defaults | "
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: a.com\n        ports: [0]\n",
            "6:17 permissions.network.allow[0].ports[0] | port 0 is out of range | "
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: a.com\n        schemes: [ftp]\n",
            "6:19 permissions.network.allow[0].schemes[0] | unknown scheme 'ftp' | http, https, tcp and udp"
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: https://a.com/path\n",
            "5:15 permissions.network.allow[0].host | a host URL may hold only a scheme, a host and a port | https://a.com"
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  network:\n    deny:\n      - host: \"http://a.com:0\"\n",
            "5:15 permissions.network.deny[0].host | '0' is not a port (1-65535) | "
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  network:\n    allow:\n      - host: https://a.com:70000\n",
            "5:15 permissions.network.allow[0].host | '70000' is not a port (1-65535) | "
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: \"AWS_*\"\n",
            "5:14 permissions.environment.allow[0].key | has a wildcard | "
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  environment:\n    deny:\n      - key: X\n",
            "4:5 permissions.environment.deny | unknown key 'deny' | no deny list"
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: X\n        value: hunter2\n",
            "6:9 permissions.environment.allow[0].value | unknown key 'value' | never written in the policy"
          },
          new String[] {
            "version: \"1.0\"\nsecrets:\n  - name: token\n    value: hunter2\n",
            "4:5 secrets[0].value | unknown key 'value' | never written in the policy file"
          },
          new String[] {
            "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: TOKEN\nsecrets:\n  - name: TOKEN\n",
            "7:11 secrets[0].env | variable 'TOKEN' is already provided | one source"
          },
          new String[] {"version: \"1.0\"\nlimits:\n  timeout: 30\n", "3:12 limits.timeout | expected a duration such as \"30s\", found an integer (30) | "},
          new String[] {"version: \"1.0\"\nlimits:\n  timeout: 3 s\n", "3:12 limits.timeout | is not a duration | 30s"},
          new String[] {"version: \"1.0\"\nlimits:\n  memory: 8Gi\n", "3:11 limits.memory | memory must be between 64Ki and 4Gi | "},
          new String[] {"version: \"1.0\"\nlimits:\n  output: lots\n", "3:11 limits.output | is not a size | "},
          new String[] {"version: \"1.0\"\nlimits:\n  cpu: 1\n", "3:3 limits.cpu | unknown key 'cpu' | timeout"},
          new String[] {"version: \"1.0\"\nversion: \"1.1\"\n", "2:1  | duplicate key 'version' (first at line 1) | "},
          new String[] {"version: \"1.0\"\npermissions: [1, 2]\n", "2:14 permissions | expected a mapping (key: value lines), found a list | "},
          new String[] {"version: \"1.0\"\ndescription: 42\n", "2:14 description | expected a string, found an integer (42) | quote it: \"42\""},
          new String[] {"version: \"1.0\"\n  bad: [\n", "2: | YAML syntax error | indentation"},
          new String[] {"a: &x 1\nversion: *x\n", "2:10  | aliases | "});

  @ParameterizedTest
  @FieldSource("BAD")
  void badPoliciesAreRejectedWithLocationAndHint(String yaml, String expected) {
    PolicyException e = assertThrows(PolicyException.class, () -> parse(yaml));
    String[] parts = expected.split(" \\| ", -1);
    String[] where = parts[0].split(" ", 2);
    PolicyProblem problem = e.problems().get(0);
    String position = problem.line() + ":" + problem.column();
    assertTrue(position.startsWith(where[0]), () -> "position " + position + " for " + e.getMessage());
    assertEquals(where.length > 1 ? where[1] : "", problem.path(), e.getMessage());
    assertTrue(problem.message().contains(parts[1]), e.getMessage());
    assertTrue(problem.hint().contains(parts[2]), e.getMessage());
    assertEquals("policy.yaml", problem.source());
    assertTrue(e.getMessage().startsWith("policy.yaml:" + position + ": "), e.getMessage());
  }

  @Test
  void everyProblemIsReportedNotJustTheFirst() {
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () -> parse("version: \"1.0\"\nfoo: 1\npermissions:\n  network:\n    allow:\n      - host: \"\"\n"));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertEquals(2, e.problems().get(0).line());
    assertEquals(6, e.problems().get(1).line());
  }

  @Test
  void invalidUtf8IsRejected() {
    PolicyException e =
        assertThrows(PolicyException.class, () -> PolicyParser.decode(new byte[] {'a', (byte) 0xff}, "x.yaml"));
    assertTrue(e.getMessage().contains("not valid UTF-8"));
  }
}
