package dev.corral.samples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One sample tool bundled with Corral: a component and its Wassette-format policy, both on the
 * classpath under {@code dev/corral/samples/}.
 *
 * @param name the tool's name, e.g. {@code compute}; also the stem of its resource files
 * @param language the language it is written in
 * @param summary one line saying what it does
 */
public record SampleTool(String name, String language, String summary) {
  static final String RESOURCE_DIR = "dev/corral/samples/";

  public SampleTool {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(summary, "summary");
  }

  /** The classpath resource holding the component, e.g. {@code dev/corral/samples/compute.wasm}. */
  public String wasmResource() {
    return RESOURCE_DIR + name + ".wasm";
  }

  /**
   * The classpath resource holding the policy, e.g. {@code dev/corral/samples/compute.policy.yaml}.
   */
  public String policyResource() {
    return RESOURCE_DIR + name + ".policy.yaml";
  }

  /**
   * Whether the component is on the classpath (the C and Rust ones are; the JavaScript ones not).
   */
  public boolean isBundled() {
    return SampleTool.class.getClassLoader().getResource(wasmResource()) != null;
  }

  /**
   * The component binary.
   *
   * @throws IOException if it is not on the classpath (see {@link #isBundled()}) or unreadable
   */
  public byte[] wasm() throws IOException {
    return read(wasmResource());
  }

  /**
   * The policy file's text (YAML).
   *
   * @throws IOException if it is not on the classpath or unreadable
   */
  public String policy() throws IOException {
    return new String(read(policyResource()), StandardCharsets.UTF_8);
  }

  private byte[] read(String resource) throws IOException {
    try (InputStream in = SampleTool.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(
            "classpath resource "
                + resource
                + " is missing (the JavaScript samples are"
                + " not bundled: build them with sample-tools/build.sh and serve them with"
                + " --component sample-tools/target/js-samples/"
                + name
                + ".wasm, adding --samples to keep the"
                + " bundled ones)");
      }
      return in.readAllBytes();
    }
  }
}
