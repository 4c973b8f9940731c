package dev.corral.mcp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.corral.policy.OffLimits;
import dev.corral.policy.Policy;
import dev.corral.policy.PolicyParser;
import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.capability.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A policy's limits become the sandbox's: limits.output caps the result and each output stream. */
class PolicyCapabilitiesTest {
  @Test
  void theLimitsOfThePolicyAreTheLimitsOfTheCall() throws Exception {
    Policy policy =
        PolicyParser.parse(
            "version: \"1.0\"\nlimits:\n  timeout: 10s\n  memory: 64Mi\n  output: 64Ki\n",
            "test.policy.yaml",
            Path.of("."));
    Capabilities caps = PolicyCapabilities.of(policy, Map.of(), OffLimits.NONE);
    assertEquals(new Limits(64L << 20, Duration.ofSeconds(10), 65536, 65536, 65536), caps.limits());
  }

  @Test
  void withoutLimitsTheDefaultsApply() throws Exception {
    Policy policy = PolicyParser.parse("version: \"1.0\"\n", "test.policy.yaml", Path.of("."));
    assertEquals(
        Limits.defaults(), PolicyCapabilities.of(policy, Map.of(), OffLimits.NONE).limits());
  }
}
