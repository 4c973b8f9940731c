package dev.corral.sandbox.binary;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link PackageDocs#parse} with mutations of v0 and v1 sections ({@code
 * PackageDocsFuzzTestInputs/parse}): every input is read or fails with {@link
 * ComponentDecodeException} at an offset inside the section; anything else (an unchecked exception
 * from Jackson or from the reader) is a finding.
 */
class PackageDocsFuzzTest {
  private static final int SECTION_OFFSET = 100;

  @FuzzTest(maxDuration = "5s")
  void parse(byte[] contents) {
    // the contents follow the name's length byte and the 12 bytes of the name
    CustomSection section =
        new CustomSection(PackageDocs.SECTION_NAME, contents, SECTION_OFFSET, SECTION_OFFSET + 13);
    try {
      PackageDocs.parse(section);
    } catch (ComponentDecodeException e) {
      long end = section.contentsOffset() + (long) contents.length;
      if (e.offset() < section.contentsOffset() || e.offset() > end) {
        throw new AssertionError(
            "offset "
                + e.offset()
                + " outside the section's contents ["
                + section.contentsOffset()
                + ", "
                + end
                + "]",
            e);
      }
      if (!e.reason()
          .startsWith(
              "custom section package-docs (section at byte offset " + SECTION_OFFSET + "): ")) {
        throw new AssertionError("the message does not name the section: " + e.getMessage(), e);
      }
    }
  }
}
