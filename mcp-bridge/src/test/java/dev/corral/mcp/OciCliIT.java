package dev.corral.mcp;

import static dev.corral.mcp.McpProcess.testComponent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.oci.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCI commands of the real CLI against a real registry (Debian's docker-registry on 127.0.0.1):
 * keygen, push, sign (cosign classic and sigstore bundle), verify, pull, component load (refused
 * unsigned with its exact message and exit status 1, accepted signed, accepted with
 * --allow-unsigned and a warning), list, serve, unload.
 */
class OciCliIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();

  @TempDir Path home;

  private McpProcess corral(String... args) throws Exception {
    ProcessBuilder builder = McpProcess.corral(home, args);
    builder.environment().put("CORRAL_INSECURE_REGISTRIES", REGISTRY.host());
    builder.environment().put("COSIGN_PASSWORD", "correct horse");
    builder.directory(home.toFile());
    return McpProcess.start(builder);
  }

  private String run(int expectedStatus, String... args) throws Exception {
    try (McpProcess process = corral(args)) {
      int status = process.waitForExit();
      String out = String.join("\n", process.stdoutSoFar());
      assertEquals(
          expectedStatus,
          status,
          "corral "
              + String.join(" ", args)
              + "\nstdout:\n"
              + out
              + "\nstderr:\n"
              + process.stderr());
      return expectedStatus == 0 ? out : process.stderr().strip();
    }
  }

  /** What a finished command printed. */
  private record Run(int status, String out, String err) {}

  private Run runFully(String... args) throws Exception {
    try (McpProcess process = corral(args)) {
      int status = process.waitForExit();
      return new Run(status, String.join("\n", process.stdoutSoFar()), process.stderr().strip());
    }
  }

  private static String sha256(Path file) throws Exception {
    return "sha256:"
        + HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void pullAllowUnsignedAndSigstoreBundleSigning() throws Exception {
    String ref = "oci://" + REGISTRY.host() + "/tools/pulled:1";
    Path adder = testComponent("adder.component.wasm");
    String keygen = run(0, "keygen", "dev");
    String key = keygen.substring(keygen.indexOf('(') + 1, keygen.lastIndexOf(')')) + " (dev.pub)";
    String pushed = run(0, "push", adder.toString(), ref);
    String pinned = pushed.substring("pushed ".length());
    String digest = pinned.substring(pinned.indexOf('@') + 1);

    Run refused = runFully("pull", ref, "--key", "dev.pub");
    assertEquals(
        new Run(
            1,
            "",
            "corral: refusing "
                + pinned
                + ": expected a signature by "
                + key
                + " (trust policy rule '"
                + REGISTRY.host()
                + "/tools/pulled'), found: no signature (no cosign tag, no sigstore "
                + "bundle referrer). Sign it with 'corral sign', or pass --allow-unsigned for development."),
        refused);

    Run unsigned = runFully("component", "load", ref, "--allow-unsigned");
    assertEquals(0, unsigned.status(), unsigned.toString());
    String warning =
        "UNVERIFIED (--allow-unsigned): no trusted key is configured for "
            + REGISTRY.host()
            + "/tools/pulled";
    assertTrue(unsigned.err().contains("corral: WARNING: " + warning), unsigned.err());
    assertEquals(
        "installed pulled from " + pinned + " (" + sha256(adder) + ")\nsignature: " + warning,
        unsigned.out());

    assertEquals(
        "signed " + pinned, run(0, "sign", ref, "--key", "dev.key", "--format", "SIGSTORE_BUNDLE"));
    String verified = run(0, "verify", ref, "--key", "dev.pub");
    assertTrue(
        verified.startsWith(
            "verified: sigstore bundle signed by "
                + key
                + " (referrers tag "
                + digest.replace(':', '-')
                + ", manifest sha256:"),
        verified);

    Run pulled = runFully("pull", ref, "--key", "dev.pub");
    assertEquals(0, pulled.status(), pulled.toString());
    Path cached = home.resolve("data/corral/oci/blobs/sha256").resolve(sha256(adder).substring(7));
    assertTrue(
        pulled
            .out()
            .startsWith(
                cached
                    + "  "
                    + sha256(adder)
                    + "  sigstore bundle signed by "
                    + key
                    + " (referrers tag "
                    + digest.replace(':', '-')
                    + ", manifest sha256:"),
        pulled.out());
    assertEquals("", pulled.err());
  }

  @Test
  void signedComponentInstallsAndServesUnsignedIsRefused() throws Exception {
    String ref = "oci://" + REGISTRY.host() + "/tools/adder:1";
    String keygen = run(0, "keygen", "dev");
    assertTrue(keygen.startsWith("wrote dev.key and dev.pub (ECDSA-P256 SHA256:"), keygen);
    run(0, "keygen", "other");
    assertTrue(
        Files.readString(home.resolve("dev.key"))
            .startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----"));

    String pushed = run(0, "push", testComponent("adder.component.wasm").toString(), ref);
    assertTrue(
        pushed.startsWith("pushed oci://" + REGISTRY.host() + "/tools/adder:1@sha256:"), pushed);

    String unsigned = run(1, "component", "load", ref, "--key", "dev.pub");
    assertTrue(unsigned.startsWith("corral: refusing " + ref + "@sha256:"), unsigned);
    assertTrue(unsigned.contains("found: no signature"), unsigned);
    assertEquals("", run(0, "component", "list"));

    String signed = run(0, "sign", ref, "--key", "dev.key");
    assertTrue(signed.startsWith("signed " + ref + "@sha256:"), signed);
    String verified = run(0, "verify", ref, "--key", "dev.pub");
    assertTrue(verified.startsWith("verified: "), verified);
    String wrongKey = run(1, "verify", ref, "--key", "other.pub");
    assertTrue(wrongKey.startsWith("corral: "), wrongKey);
    String wrongKeyLoad = run(1, "component", "load", ref, "--key", "other.pub");
    assertTrue(wrongKeyLoad.contains("does not verify with any trusted key"), wrongKeyLoad);

    String installed = run(0, "component", "load", ref, "--key", "dev.pub");
    assertTrue(installed.startsWith("installed adder from " + ref + "@sha256:"), installed);
    assertEquals("adder  (no policy: nothing granted)", run(0, "component", "list"));
    var listed = McpProcess.JSON.readTree(run(0, "component", "list", "-o", "json"));
    assertEquals("adder", listed.get(0).get("id").asString());
    assertTrue(listed.get(0).get("policy").isNull(), listed.toString());

    try (McpProcess server = corral("serve", "--no-samples")) {
      server.initialize();
      List<String> names = server.componentToolNames();
      assertEquals(List.of("docs_adder_add_add"), names);
      assertEquals(
          42,
          server
              .callTool("docs_adder_add_add", "{\"x\":40,\"y\":2}")
              .at("/structuredContent/result")
              .asInt());
    }

    assertEquals("removed adder", run(0, "component", "unload", "adder"));
    assertEquals("", run(0, "component", "list"));
    assertEquals(
        "corral: no installed component 'adder' in " + home.resolve("data/corral/components"),
        run(1, "component", "unload", "adder"));
  }
}
