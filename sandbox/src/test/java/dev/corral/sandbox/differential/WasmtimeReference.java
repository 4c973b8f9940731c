package dev.corral.sandbox.differential;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * wasmtime 49, the reference runtime, as a child process: {@code
 * src/test/python/wasmtime_reference.py} run by the Python of the virtual environment {@code
 * scripts/install-toolchains} creates ({@code build-tools/wasmtime-venv}, or {@code
 * -Dcorral.wasmtime.python}). One process serves a whole test class and keeps every component it
 * compiled, also on disk in {@code sandbox/target/differential/wasmtime-cache}. A missing reference
 * is an error, never a skip: the differential tests are only worth something when they run.
 */
final class WasmtimeReference implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final Process process;
  private final BufferedWriter requests;
  private final BufferedReader answers;

  private WasmtimeReference(Process process) {
    this.process = process;
    this.requests =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.answers =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The project's root (the parent of the sandbox module). */
  static Path projectRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("sandbox/pom.xml")) ? here : here.getParent();
  }

  static WasmtimeReference start() throws IOException {
    String configured = System.getProperty("corral.wasmtime.python");
    Path python =
        configured != null
            ? Path.of(configured)
            : projectRoot().resolve("build-tools/wasmtime-venv/bin/python");
    if (!Files.isExecutable(python)) {
      throw new IllegalStateException(
          "the wasmtime reference is missing: "
              + python
              + " does not exist; run scripts/install-toolchains (it installs wasmtime 49 from ../shared/tools"
              + " into build-tools/wasmtime-venv), or point -Dcorral.wasmtime.python at a Python with wasmtime 49");
    }
    Path driver = projectRoot().resolve("sandbox/src/test/python/wasmtime_reference.py");
    Path cache = projectRoot().resolve("sandbox/target/differential/wasmtime-cache");
    Process process =
        new ProcessBuilder(python.toString(), driver.toString(), cache.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    WasmtimeReference reference = new WasmtimeReference(process);
    JsonNode version = reference.ask(JSON.createObjectNode().put("op", "version"));
    if (!version.path("wasmtime").asString().startsWith("49.")) {
      reference.close();
      throw new IllegalStateException("the reference must be wasmtime 49, found " + version);
    }
    return reference;
  }

  /** Sends one request and returns its answer; an {@code error} answer throws. */
  JsonNode ask(JsonNode request) {
    try {
      requests.write(JSON.writeValueAsString(request));
      requests.write('\n');
      requests.flush();
      String line = answers.readLine();
      if (line == null) {
        throw new IllegalStateException(
            "the wasmtime reference exited (status " + process.waitFor() + ")");
      }
      JsonNode answer = JSON.readTree(line);
      if (answer.has("error")) {
        throw new IllegalStateException(
            "the wasmtime reference failed on " + request + ": " + answer.get("error").asString());
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      requests.close();
      process.waitFor();
    } catch (IOException e) {
      process.destroy();
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
    }
  }
}
