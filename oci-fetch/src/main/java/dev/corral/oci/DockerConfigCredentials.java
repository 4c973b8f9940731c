package dev.corral.oci;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Credentials from Docker/Podman auth files: {@code credHelpers} (per registry), then
 * {@code credsStore}, then {@code auths} entries ({@code auth} = base64 of {@code user:password},
 * or {@code username}/{@code password}). Helpers are run as {@code docker-credential-NAME get}
 * with the registry host on stdin, per the Docker credential helper protocol. Files are read
 * in order; the first that knows the registry wins. Identity (refresh) tokens are not supported.
 */
final class DockerConfigCredentials implements CredentialStore {
    private static final long HELPER_TIMEOUT_SECONDS = 30;

    private final List<Path> files;

    DockerConfigCredentials(List<Path> files) {
        this.files = List.copyOf(files);
    }

    @Override
    public Credentials credentialsFor(String registry) throws OciException {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Credentials found = fromFile(file, registry);
            if (!(found instanceof Credentials.Anonymous)) {
                return found;
            }
        }
        return Credentials.ANONYMOUS;
    }

    private static Credentials fromFile(Path file, String registry) throws OciException {
        JsonNode root;
        try {
            root = Json.parse(Files.readAllBytes(file), "Docker config " + file);
        } catch (IOException e) {
            throw new OciException("cannot read Docker config " + file + ": " + e.getMessage(), e);
        }
        String helper = root.path("credHelpers").path(registry).asString("");
        if (!helper.isEmpty()) {
            return runHelper(helper, registry, file);
        }
        String store = root.path("credsStore").asString("");
        if (!store.isEmpty()) {
            Credentials fromStore = runHelper(store, registry, file);
            if (!(fromStore instanceof Credentials.Anonymous)) {
                return fromStore;
            }
        }
        JsonNode auths = root.path("auths");
        for (String key : auths.propertyNames()) {
            if (!hostOf(key).equals(registry)) {
                continue;
            }
            JsonNode entry = auths.get(key);
            String path = file + ": $.auths['" + key + "']";
            String auth = entry.path("auth").asString("");
            if (!auth.isEmpty()) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new OciException(path + ".auth is not base64");
                }
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    throw new OciException(path + ".auth does not decode to user:password");
                }
                return new Credentials.Basic(decoded.substring(0, colon), decoded.substring(colon + 1));
            }
            String user = entry.path("username").asString("");
            if (!user.isEmpty()) {
                return new Credentials.Basic(user, entry.path("password").asString(""));
            }
        }
        return Credentials.ANONYMOUS;
    }

    /** {@code https://host/v1/}, {@code http://host}, {@code host} all name {@code host}. */
    private static String hostOf(String key) {
        String s = key.replaceFirst("^[a-z]+://", "");
        int slash = s.indexOf('/');
        return slash < 0 ? s : s.substring(0, slash);
    }

    private static Credentials runHelper(String name, String registry, Path file) throws OciException {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new OciException(file + ": invalid credential helper name '" + name + "'");
        }
        String command = "docker-credential-" + name;
        Process process;
        try {
            process = new ProcessBuilder(command, "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new OciException("credential helper " + command + " (from " + file + ") cannot be run: "
                    + e.getMessage(), e);
        }
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write((registry + "\n").getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new OciException("credential helper " + command + " did not finish within "
                        + HELPER_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                return Credentials.ANONYMOUS; // "credentials not found" is reported with a non-zero exit
            }
            JsonNode reply = Json.parse(out, "output of " + command);
            String user = reply.path("Username").asString("");
            String secret = reply.path("Secret").asString("");
            if (user.equals("<token>")) {
                throw new OciException("credential helper " + command + " returned an identity token for " + registry
                        + "; identity tokens are not supported, use a user name and password or "
                        + CredentialStore.TOKEN_VARIABLE);
            }
            return user.isEmpty() ? Credentials.ANONYMOUS : new Credentials.Basic(user, secret);
        } catch (IOException e) {
            throw new OciException("credential helper " + command + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new OciException("interrupted while running " + command, e);
        }
    }
}
