package dev.corral.sandbox.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which host interface versions satisfy an import (semver compatibility). */
class InterfaceNameTest {

  @Test
  void parsesTheNameAndItsVersion() {
    assertEquals(
        new InterfaceName("wasi:cli/environment", Optional.of("0.2.3")),
        InterfaceName.parse("wasi:cli/environment@0.2.3"));
    assertEquals(
        new InterfaceName("docs:adder/add", Optional.empty()),
        InterfaceName.parse("docs:adder/add"));
    assertEquals(new InterfaceName("run", Optional.empty()), InterfaceName.parse("run"));
    assertEquals("wasi:io/streams@0.2.0", InterfaceName.parse("wasi:io/streams@0.2.0").toString());
  }

  @Test
  void fromOneOnTheMajorVersionDecides() {
    assertCompatible("1.2.3", "1.0.0", "1.2.3", "1.2.4", "1.9.0", "1.10.0");
    assertIncompatible("1.2.3", "2.0.0", "0.9.9", "0.1.0", "11.2.3");
    assertCompatible("2.0.0", "2.5.1");
  }

  @Test
  void below1TheMinorVersionDecides() {
    assertCompatible("0.2.0", "0.2.0", "0.2.1", "0.2.3", "0.2.12");
    assertCompatible("0.2.12", "0.2.0");
    assertIncompatible("0.2.0", "0.3.0", "0.1.9", "1.2.0", "0.0.2", "0.20.0");
  }

  @Test
  void below0Point1OnlyTheSameVersionMatches() {
    assertCompatible("0.0.1", "0.0.1");
    assertIncompatible("0.0.1", "0.0.2", "0.0.0", "0.1.1");
  }

  @Test
  void preReleasesMatchOnlyThemselves() {
    assertCompatible("1.0.0-rc.1", "1.0.0-rc.1");
    assertIncompatible("1.0.0-rc.1", "1.0.0-rc.2", "1.0.0", "1.0.1");
    assertIncompatible("1.0.0", "1.0.0-rc.1", "1.1.0-alpha");
    assertCompatible("0.2.0-draft", "0.2.0-draft");
    assertIncompatible("0.2.0-draft", "0.2.0");
  }

  @Test
  void buildMetadataIsIgnored() {
    assertCompatible("1.2.3+abc", "1.2.3+def", "1.4.0", "1.2.3");
    assertCompatible("0.2.1", "0.2.3+build.5");
    assertCompatible("0.0.1+x", "0.0.1", "0.0.1+y");
    assertIncompatible("0.0.1+x", "0.0.2+x");
    assertCompatible("1.0.0-rc.1+a", "1.0.0-rc.1+b");
  }

  @Test
  void aVersionThatIsNotSemverMatchesOnlyItself() {
    assertCompatible("1.2", "1.2");
    assertIncompatible("1.2", "1.2.0", "1.3");
    assertIncompatible("01.2.3", "1.2.3");
    assertIncompatible("1.2.3", "01.2.3", "1.2.3-", "1.2.3+");
  }

  @Test
  void versionedAndUnversionedNamesNeverMatchEachOther() {
    assertTrue(name("a:b/c").isSatisfiedBy(name("a:b/c")));
    assertFalse(name("a:b/c").isSatisfiedBy(name("a:b/c@1.0.0")));
    assertFalse(name("a:b/c@1.0.0").isSatisfiedBy(name("a:b/c")));
    assertFalse(name("a:b/c@1.0.0").isSatisfiedBy(name("a:b/d@1.0.0")));
    assertFalse(name("a:b/c@1.0.0").isSatisfiedBy(name("a:x/c@1.0.0")));
  }

  @Test
  void versionsAreOrderedBySemverPrecedence() {
    List<String> sorted =
        List.of(
                "x@0.2.3",
                "x@0.2.12",
                "x@1.0.0-alpha",
                "x",
                "x@1.0.0-alpha.1",
                "x@1.0.0-alpha.beta",
                "x@1.0.0-beta.2",
                "x@1.0.0-beta.11",
                "x@1.0.0-rc.1",
                "x@1.0.0",
                "x@0.2.0")
            .stream()
            .map(InterfaceName::parse)
            .sorted(InterfaceName::compareVersions)
            .map(InterfaceName::toString)
            .toList();
    assertEquals(
        List.of(
            "x",
            "x@0.2.0",
            "x@0.2.3",
            "x@0.2.12",
            "x@1.0.0-alpha",
            "x@1.0.0-alpha.1",
            "x@1.0.0-alpha.beta",
            "x@1.0.0-beta.2",
            "x@1.0.0-beta.11",
            "x@1.0.0-rc.1",
            "x@1.0.0"),
        sorted);
    assertEquals(0, InterfaceName.compareVersions(name("x@1.2.3+a"), name("x@1.2.3+b")));
  }

  private static void assertCompatible(String wanted, String... provided) {
    for (String p : provided) {
      assertTrue(
          name("wasi:cli/environment@" + wanted).isSatisfiedBy(name("wasi:cli/environment@" + p)),
          wanted + " should be satisfied by " + p);
    }
  }

  private static void assertIncompatible(String wanted, String... provided) {
    for (String p : provided) {
      assertFalse(
          name("wasi:cli/environment@" + wanted).isSatisfiedBy(name("wasi:cli/environment@" + p)),
          wanted + " should not be satisfied by " + p);
    }
  }

  private static InterfaceName name(String s) {
    return InterfaceName.parse(s);
  }
}
