package dev.corral.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one rule for component ids. An id names files ({@code ID.wasm}, {@code ID.policy.yaml}, the
 * secrets' {@code ID.yaml}), so it is letters, digits and {@code . _ @ + : -}, starts with a letter
 * or digit, has at most 200 characters, never contains {@code ..} and does not end in {@code
 * .policy.yaml} (such a name is a policy file, not an id).
 */
public final class ComponentIds {
  /** The characters an id may use, as messages name them. */
  public static final String ALLOWED = "letters, digits and . _ @ + : -";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+:-]{0,199}");

  private ComponentIds() {}

  /** Whether {@code id} is a valid component id. */
  public static boolean isValid(String id) {
    return ID.matcher(id).matches()
        && !id.contains("..")
        && !id.endsWith(PolicyStore.POLICY_SUFFIX);
  }

  /**
   * Returns {@code id} if valid.
   *
   * @throws IllegalArgumentException naming the id and the characters allowed
   */
  public static String check(String id) {
    Objects.requireNonNull(id, "componentId");
    if (!isValid(id)) {
      throw new IllegalArgumentException(
          "component id '" + id + "' is not usable in a file name: use " + ALLOWED);
    }
    return id;
  }
}
