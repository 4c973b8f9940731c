package dev.corral.mcp;

import dev.corral.samples.SampleTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code config} sample as {@code config.wasm}, with a policy beside it that allows {@code
 * LANG} and names the secret {@code api-token} as {@code API_TOKEN}.
 */
public final class ConfigSampleWithSecret {
  private ConfigSampleWithSecret() {}

  /** Writes the component and its policy into {@code directory}; returns the component file. */
  public static Path writeTo(Path directory) throws IOException {
    Path wasm = directory.resolve("config.wasm");
    Files.write(wasm, SampleTools.find("config").orElseThrow().wasm());
    Files.writeString(
        directory.resolve("config.policy.yaml"),
        """
        version: "1.0"
        permissions:
          environment:
            allow:
              - key: LANG
        secrets:
          - name: api-token
            env: API_TOKEN
        """);
    return wasm;
  }
}
