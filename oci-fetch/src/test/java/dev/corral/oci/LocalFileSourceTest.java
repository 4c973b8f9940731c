package dev.corral.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local component file comes with the policy beside it, copied into the cache with it. */
class LocalFileSourceTest {
    @TempDir
    Path data;

    @TempDir
    Path files;

    private final byte[] adder = readComponent();

    private static byte[] readComponent() {
        try (var in = LocalFileSourceTest.class.getResourceAsStream("/components/adder.component.wasm")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private OciComponents oci() {
        return new OciComponents(data, RegistrySettings.fromEnvironment(Map.of()), TrustPolicy.empty());
    }

    @Test
    void thePolicyBesideTheFileIsTakenAndCopiedIntoTheCache() throws Exception {
        Path wasm = Files.write(files.resolve("adder.wasm"), adder);
        String yaml = "version: \"1.0\"\npermissions:\n  environment:\n    allow:\n      - key: LANG\n";
        Path beside = Files.writeString(files.resolve("adder.policy.yaml"), yaml);
        assertEquals(beside, OciComponents.policyBeside(wasm));

        InstalledComponent pulled = oci().pull(wasm.toUri().toString(), InstallOptions.VERIFIED);
        Path policy = pulled.policy().orElseThrow();
        assertTrue(policy.startsWith(data), policy + " is in the cache");
        Files.writeString(beside, "changed after the pull");
        assertEquals(yaml, Files.readString(policy), "the cached copy is what was read at the pull");
        assertArrayEquals(adder, Files.readAllBytes(pulled.component()));
        assertFalse(pulled.signature().verified());
    }

    @Test
    void withoutAPolicyBesideItThereIsNone() throws Exception {
        Path wasm = Files.write(files.resolve("adder.component.wasm"), adder);
        Files.writeString(files.resolve("adder.component.wasm.policy.yaml"), "not the name the rule gives");
        assertEquals(files.resolve("adder.component.policy.yaml"), OciComponents.policyBeside(wasm));
        assertEquals(Optional.empty(), oci().pull(wasm.toUri().toString(), InstallOptions.VERIFIED).policy());
    }

    @Test
    void aPolicyOverOneMebibyteIsRefused() throws Exception {
        Path wasm = Files.write(files.resolve("adder.wasm"), adder);
        Path beside = Files.writeString(files.resolve("adder.policy.yaml"), "#".repeat((1 << 20) + 1));
        OciException e = assertThrows(OciException.class,
                () -> oci().pull(wasm.toUri().toString(), InstallOptions.VERIFIED));
        assertEquals(beside + " has 1048577 bytes, more than the 1048576 a policy may have", e.getMessage());
    }
}
