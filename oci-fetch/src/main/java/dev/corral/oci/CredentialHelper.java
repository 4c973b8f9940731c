package dev.corral.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Runs a Docker credential helper, {@code docker-credential-NAME get}, with the registry host on
 * stdin, per the Docker credential helper protocol. Its output is read on another thread so that a
 * helper that hangs (or whose children keep its stdout open) is killed, with its process tree,
 * after the timeout instead of blocking forever.
 *
 * @param name the helper's name (the part after {@code docker-credential-})
 * @param timeout how long the helper may take
 */
record CredentialHelper(String name, Duration timeout) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final int MAX_OUTPUT = 64 * 1024;

  /**
   * The helper's credentials for {@code registry}; {@link Credentials#ANONYMOUS} if it has none.
   */
  Credentials get(String registry, Path configFile) throws OciException {
    if (!NAME.matcher(name).matches()) {
      throw new OciException(configFile + ": invalid credential helper name '" + name + "'");
    }
    String command = "docker-credential-" + name;
    Process process;
    try {
      process =
          new ProcessBuilder(command, "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new OciException(
          "credential helper "
              + command
              + " (from "
              + configFile
              + ") cannot be run: "
              + e.getMessage().strip(),
          e);
    }
    try {
      FutureTask<byte[]> output =
          new FutureTask<>(
              () -> {
                try (InputStream in = process.getInputStream()) {
                  return in.readNBytes(MAX_OUTPUT);
                }
              });
      Thread.ofVirtual().name(command).start(output);
      long deadline = System.nanoTime() + timeout.toNanos();
      try (OutputStream in = process.getOutputStream()) {
        in.write((registry + "\n").getBytes(StandardCharsets.UTF_8));
      }
      byte[] out = output.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw new TimeoutException();
      }
      if (process.exitValue() != 0) {
        return Credentials.ANONYMOUS; // "credentials not found" is reported with a non-zero exit
      }
      return parse(out, command, registry);
    } catch (TimeoutException e) {
      kill(process);
      throw new OciException(
          "credential helper " + command + " did not finish within " + describe(timeout), e);
    } catch (ExecutionException | IOException e) {
      kill(process);
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new OciException(
          "credential helper " + command + " failed: " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new OciException("interrupted while running " + command, e);
    }
  }

  private static Credentials parse(byte[] out, String command, String registry)
      throws OciException {
    JsonNode reply = Json.parse(out, "output of " + command);
    String user = reply.path("Username").asString("");
    String secret = reply.path("Secret").asString("");
    if (user.equals("<token>")) {
      throw new OciException(
          "credential helper "
              + command
              + " returned an identity token for "
              + registry
              + "; identity tokens are not supported, use a user name and password or "
              + CredentialStore.TOKEN_VARIABLE);
    }
    return user.isEmpty() ? Credentials.ANONYMOUS : new Credentials.Basic(user, secret);
  }

  private static String describe(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  /** Kills the helper and whatever it started (a child could keep the output pipe open). */
  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
