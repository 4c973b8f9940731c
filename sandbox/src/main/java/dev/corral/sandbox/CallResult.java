package dev.corral.sandbox;

import dev.corral.sandbox.values.Value;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * What a successful call returned, what the guest wrote to stdout and stderr meanwhile, and notices
 * for the user (such as a network request the policy denied).
 */
public record CallResult(
    Optional<Value> value, byte[] stdout, byte[] stderr, java.util.List<String> notices) {
  public CallResult {
    Objects.requireNonNull(value, "value");
    notices = java.util.List.copyOf(notices);
    stdout = stdout.clone();
    stderr = stderr.clone();
  }

  @Override
  public byte[] stdout() {
    return stdout.clone();
  }

  @Override
  public byte[] stderr() {
    return stderr.clone();
  }

  /** Stdout decoded as UTF-8 (malformed bytes replaced). */
  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  /** Stderr decoded as UTF-8 (malformed bytes replaced). */
  public String stderrText() {
    return new String(stderr, StandardCharsets.UTF_8);
  }
}
