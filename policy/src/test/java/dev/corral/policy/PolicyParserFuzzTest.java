package dev.corral.policy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/**
 * Fuzzes the policy reader with arbitrary bytes (seeded with real policies from {@code
 * PolicyParserFuzzTestInputs/parse}): every input is either a policy or a {@link PolicyException};
 * any other throwable, a hang or running out of memory is a finding.
 */
class PolicyParserFuzzTest {
  private static final Path BASE = Path.of("/srv/policies");

  @FuzzTest(maxDuration = "5s")
  void parse(byte[] input) {
    try {
      PolicyParser.parse(PolicyParser.decode(input, "fuzz.yaml"), "fuzz.yaml", BASE);
    } catch (PolicyException expected) {
      if (expected.getMessage() == null || expected.getMessage().isBlank()) {
        throw new AssertionError("a policy error without a message", expected);
      }
    }
  }
}
