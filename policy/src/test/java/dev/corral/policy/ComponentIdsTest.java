package dev.corral.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ComponentIdsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "compute",
        "docs_adder",
        "adder.component",
        "tool-2",
        "tool@1.2+build",
        "a:b",
        "9"
      })
  void validIds(String id) {
    assertTrue(ComponentIds.isValid(id));
    assertEquals(id, ComponentIds.check(id));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "-x", ".hidden", "a b", "a/b", "a\\b", "a..b", "x.policy.yaml", "caf\u00e9"})
  void invalidIds(String id) {
    assertFalse(ComponentIds.isValid(id));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ComponentIds.check(id));
    assertEquals(
        "component id '"
            + id
            + "' is not usable in a file name: use letters, digits and . _ @ + : -",
        e.getMessage());
  }

  @Test
  void atMost200Characters() {
    assertTrue(ComponentIds.isValid("a".repeat(200)));
    assertFalse(ComponentIds.isValid("a".repeat(201)));
  }
}
