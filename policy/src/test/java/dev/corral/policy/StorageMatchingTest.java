package dev.corral.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StorageMatchingTest {
  static final Path BASE = Path.of("/corral/components/tool");

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          fs:///data                | /data                 | true
          fs:///data                | /data/a/b/c           | true
          fs:///data                | /datafile             | false
          fs:///data                | /dat                  | false
          fs:///data                | /                     | false
          fs:///data/               | /data/x               | true
          fs:///data/**             | /data                 | true
          fs:///data/**             | /data/x/y             | true
          fs:///data/**             | /database             | false
          fs:///data/*              | /data                 | false
          fs:///data/*              | /data/x               | true
          fs:///data/*              | /data/x/y             | true
          fs:///var/log/*.log       | /var/log/app.log      | true
          fs:///var/log/*.log       | /var/log/app.txt      | false
          fs:///var/log/*.log       | /var/log/a/b.log      | false
          fs:///var/log/*.log       | /var/log/.log         | true
          fs:///w/*/data            | /w/a/data/f           | true
          fs:///w/*/data            | /w/a/b/data           | false
          fs:///w/**/data           | /w/data               | true
          fs:///w/**/data           | /w/a/b/data/f         | true
          fs:///w/**/data           | /w/a/b/datum          | false
          fs:///w/a*b*c             | /w/abc                | true
          fs:///w/a*b*c             | /w/aXbYc              | true
          fs:///w/a*b*c             | /w/acb                | false
          fs:///                    | /anything/at/all      | true
          fs://workspace            | /corral/components/tool/workspace/f | true
          fs://workspace/**         | /workspace/f          | false
          fs:///data                | /data/../etc/passwd   | false
          fs:///data                | /data/./x             | true
          """)
  void patternCoverage(String uri, String path, boolean covered) {
    assertEquals(covered, PathPattern.parse(uri, BASE).covers(Path.of(path)));
  }

  @ParameterizedTest(name = "{0} is rejected")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /data                   | must start with fs://
          file:///data            | must start with fs://
          fs://                   | no path after fs://
          fs:///a/../b            | '.' or '..'
          fs:///a/./b             | '.' or '..'
          fs:///a/**x             | whole path segment
          fs:///a/***             | whole path segment
          fs:///a/**/**           | redundant
          fs:///a?b               | query or fragment
          fs://~/docs             | '~' is not expanded
          fs:///a\\b              | backslash
          """)
  void badUris(String uri, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PathPattern.parse(uri, BASE));
    assertEquals(true, e.getMessage().contains(message), e.getMessage());
  }

  static final StoragePolicy POLICY =
      policy(
          """
          allow:
            - uri: "fs:///srv/data/**"
              access: [read]
            - uri: "fs:///srv/data/out"
              access: [read, write]
            - uri: "fs:///tmp"
              access: [write]
          deny:
            - uri: "fs:///srv/data/private"
              access: [read, write]
            - uri: "fs:///srv/data/out/locked"
              access: [write]
          """);

  @ParameterizedTest(name = "{1} {0}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /srv/data                 | READ  | true  | allowed by permissions.storage.allow[0]
          /srv/data                 | WRITE | false | denied: no permissions.storage.allow rule covers it
          /srv/data/a/b             | READ  | true  | allowed by permissions.storage.allow[0]
          /srv/data/out/x           | WRITE | true  | allowed by permissions.storage.allow[1]
          /srv/data/out/x           | READ  | true  | allowed by permissions.storage.allow[0]
          /srv/data/private         | READ  | false | denied by permissions.storage.deny[0]
          /srv/data/private/k       | READ  | false | denied by permissions.storage.deny[0]
          /srv/data/privateer       | READ  | true  | allowed by permissions.storage.allow[0]
          /srv/data/out/locked/f    | WRITE | false | denied by permissions.storage.deny[1]
          /srv/data/out/locked/f    | READ  | true  | allowed by permissions.storage.allow[0]
          /srv/data/out/../private  | READ  | false | denied by permissions.storage.deny[0]
          /tmp/x                    | WRITE | true  | allowed by permissions.storage.allow[2]
          /tmp/x                    | READ  | false | denied: no permissions.storage.allow rule covers it
          /srv                      | READ  | false | denied: no permissions.storage.allow rule covers it
          /etc/passwd               | READ  | false | denied: no permissions.storage.allow rule covers it
          """)
  void denyWinsThenAllowThenDefaultDeny(
      String path, Access access, boolean allowed, String reason) {
    Decision decision = POLICY.decide(Path.of(path), access);
    assertEquals(allowed, decision.allowed(), decision.reason());
    assertEquals(true, decision.reason().contains(reason), decision.reason());
  }

  @Test
  void rootsAreTheLiteralPrefixesWithTheirAccess() {
    assertEquals(
        Map.of(
            Path.of("/srv/data"), Set.of(Access.READ),
            Path.of("/srv/data/out"), Set.of(Access.READ, Access.WRITE),
            Path.of("/tmp"), Set.of(Access.WRITE)),
        POLICY.roots());
    assertEquals(
        List.of(Path.of("/srv/data"), Path.of("/srv/data/out"), Path.of("/tmp")),
        List.copyOf(POLICY.roots().keySet()));
  }

  @ParameterizedTest(name = "{0} may reach into {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          fs:///srv/data/private  | /srv/data     | true
          fs:///srv/data          | /srv/data     | true
          fs:///srv               | /srv/data     | true
          fs:///srv/other         | /srv/data     | false
          fs:///srv/*/secret      | /srv/data     | true
          fs:///srv/x*            | /srv/data     | false
          fs:///srv/d*/k          | /srv/data     | true
          fs:///srv/**/k          | /srv/data/a   | true
          fs:///srv/data/*.log    | /srv          | true
          fs:///tmp               | /srv          | false
          """)
  void denyReach(String uri, String dir, boolean reaches) {
    assertEquals(reaches, PathPattern.parse(uri, BASE).mayReachInto(Path.of(dir)));
  }

  @Test
  void mountPlanIsFailClosed() {
    StoragePolicy storage =
        policy(
            """
            allow:
              - uri: "fs:///srv/data/**"
                access: [read, write]
              - uri: "fs:///srv/pub"
                access: [read]
              - uri: "fs:///var/log/*.log"
                access: [read]
              - uri: "fs:///tmp/drop"
                access: [write]
              - uri: "fs:///srv/data"
                access: [read]
              - uri: "fs:///etc"
                access: [read]
            deny:
              - uri: "fs:///srv/data/private"
                access: [write]
              - uri: "fs:///etc"
                access: [read]
            """);
    MountPlan plan = storage.mountPlan();
    assertEquals(
        List.of(
            new MountPlan.Mount(Path.of("/srv/data"), false),
            new MountPlan.Mount(Path.of("/srv/pub"), false)),
        plan.mounts());
    assertEquals(
        List.of(
            "permissions.storage.allow[0] (fs:///srv/data/**): [write] withheld because of permissions.storage.deny[0] (fs:///srv/data/private)",
            "permissions.storage.allow[2] (fs:///var/log/*.log) not granted: its pattern needs per-path checks, which directory grants cannot make",
            "permissions.storage.allow[3] (fs:///tmp/drop) not granted: a directory grant cannot be write-only",
            "permissions.storage.allow[5] (fs:///etc): [read] withheld because of permissions.storage.deny[1] (fs:///etc)"),
        plan.withheld());
  }

  @Test
  void mountPlanMergesAccessPerRoot() {
    StoragePolicy storage =
        policy(
            """
            allow:
              - uri: "fs:///w"
                access: [read]
              - uri: "fs:///w/**"
                access: [read, write]
            """);
    assertEquals(List.of(new MountPlan.Mount(Path.of("/w"), true)), storage.mountPlan().mounts());
    assertEquals(List.of(), storage.mountPlan().withheld());
  }

  @Test
  void relativePathsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> POLICY.decide(Path.of("data"), Access.READ));
  }

  @Test
  void emptyPolicyDeniesEverything() {
    Decision d = StoragePolicy.DENY_ALL.decide(Path.of("/"), Access.READ);
    assertEquals(false, d.allowed());
  }

  static StoragePolicy policy(String storageYaml) {
    String yaml = "version: \"1.0\"\npermissions:\n  storage:\n" + storageYaml.indent(4);
    try {
      return PolicyParser.parse(yaml, "t.yaml", BASE).storage();
    } catch (PolicyException e) {
      throw new AssertionError(e);
    }
  }
}
