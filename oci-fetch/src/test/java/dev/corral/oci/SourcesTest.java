package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code file:} and {@code https:} sources that name nothing Corral can fetch are refused with a
 * message.
 */
class SourcesTest {
  @TempDir Path data;

  private String refusal(String source) {
    OciComponents oci =
        new OciComponents(
            data, RegistrySettings.fromEnvironment(java.util.Map.of()), TrustPolicy.empty());
    return assertThrows(OciException.class, () -> oci.pull(source, InstallOptions.VERIFIED))
        .getMessage();
  }

  @Test
  void fileUrlWithAHostIsRefused() {
    assertEquals(
        "not a local file URL (expected file:///absolute/path): 'file://host/x.wasm': URI has an "
            + "authority component",
        refusal("file://host/x.wasm"));
  }

  @Test
  void relativeFileUrlIsRefused() {
    assertEquals(
        "not a local file URL (expected file:///absolute/path): 'file:x.wasm': URI is not hierarchical",
        refusal("file:x.wasm"));
  }

  @Test
  void malformedFileUrlIsRefused() {
    assertEquals(
        "not a local file URL (expected file:///absolute/path): 'file:///a b%zz': Illegal character in path",
        refusal("file:///a b%zz"));
  }

  @Test
  void malformedHttpsUrlIsRefused() {
    assertEquals(
        "source is not a valid URL: 'https://ex ample/x.wasm' (Illegal character in authority)",
        refusal("https://ex ample/x.wasm"));
  }

  @Test
  void httpsUrlWithoutHostIsRefused() {
    assertEquals(
        "source is not an http(s) URL with a host: 'https:///x.wasm'", refusal("https:///x.wasm"));
  }

  @Test
  void plainHttpIsRefused() {
    assertEquals(
        "refusing plain HTTP source http://example/x.wasm; use https:// or oci://",
        refusal("http://example/x.wasm"));
  }
}
