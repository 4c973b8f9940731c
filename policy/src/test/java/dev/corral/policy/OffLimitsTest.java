package dev.corral.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What no policy may grant: refused by name or path, withheld from policy files that name it. */
class OffLimitsTest {
  @TempDir Path temp;

  private OffLimits offLimits() {
    return new OffLimits(
        Set.of("COSIGN_PASSWORD"),
        List.of("CORRAL_"),
        Map.of(temp.resolve("data/corral"), "Corral's data directory"));
  }

  @Test
  void ownVariablesAreRefusedByNameOrPrefixOthersAreNot() {
    String reason = "it is one of Corral's own environment variables, which no component may read";
    assertEquals(Optional.of(reason), offLimits().variable("CORRAL_TOKEN"));
    assertEquals(Optional.of(reason), offLimits().variable("COSIGN_PASSWORD"));
    assertEquals(
        Optional.of("CORRAL_X cannot be granted: " + reason),
        offLimits().refusesVariable("CORRAL_X"));
    assertEquals(Optional.empty(), offLimits().variable("LANG"));
    assertEquals(Optional.empty(), offLimits().variable("corral_token"));
    assertEquals(
        Map.of("LANG", "C"),
        offLimits()
            .withoutVariables(Map.of("LANG", "C", "CORRAL_TOKEN", "t", "COSIGN_PASSWORD", "p")));
  }

  @Test
  void aGrantMayNeitherCoverNorLieInsideAProtectedDirectoryNorReachItThroughALink()
      throws Exception {
    Path data = temp.resolve("data/corral");
    assertEquals(
        Optional.of("it covers Corral's data directory " + data + ", which no component may reach"),
        offLimits().storage(temp));
    assertEquals(
        Optional.of(
            "it lies inside Corral's data directory " + data + ", which no component may reach"),
        offLimits().storage(data.resolve("secrets")));
    assertEquals(
        Optional.of("it covers Corral's data directory " + data + ", which no component may reach"),
        offLimits().storage(data));
    assertEquals(Optional.empty(), offLimits().storage(temp.resolve("data/other")));
    Files.createDirectories(data);
    Files.createSymbolicLink(temp.resolve("alias"), data);
    assertEquals(
        Optional.of(
            "it lies inside Corral's data directory " + data + ", which no component may reach"),
        offLimits().storage(temp.resolve("alias/not-yet-made")));
    assertEquals(
        Optional.of(
            "fs://"
                + temp
                + "/** cannot be granted: it covers Corral's data directory "
                + data
                + ", which no component may reach"),
        offLimits().refusesStorage("fs://" + temp + "/**", temp));
    assertEquals(Optional.empty(), offLimits().refusesStorage("not a uri", temp));
  }

  @Test
  void aPolicyFileNamingThemHasThoseRulesWithheld() throws Exception {
    Policy policy =
        PolicyParser.parse(
            "version: \"1.0\"\npermissions:\n  storage:\n    allow:\n"
                + "      - uri: \"fs://"
                + temp
                + "/data\"\n        access: [read, write]\n"
                + "      - uri: \"fs://"
                + temp
                + "/work\"\n        access: [read]\n"
                + "  environment:\n    allow:\n      - key: LANG\n      - key: CORRAL_TOKEN\n",
            "test.policy.yaml",
            temp);
    MountPlan plan = policy.storage().mountPlan(offLimits());
    assertEquals(List.of(new MountPlan.Mount(temp.resolve("work"), false)), plan.mounts());
    assertEquals(
        List.of(
            "permissions.storage.allow[0] (fs://"
                + temp
                + "/data) not granted: it covers Corral's data directory "
                + temp.resolve("data/corral")
                + ", which no component may reach"),
        plan.withheld());
    assertEquals(
        List.of(
            "permissions.environment.allow[1] (CORRAL_TOKEN) not granted: it is one of Corral's own"
                + " environment variables, which no component may read"),
        policy.environment().withheld(offLimits()));
    assertEquals(2, policy.storage().mountPlan().mounts().size());
  }
}
