package dev.corral.sandbox.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.runtime.CompiledComponent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A call links only the WASI packages its component imports (building the host's functions is a
 * good part of a small call); the import check at load still uses the whole host.
 */
class WasiHostPackagesTest {
  @Test
  void theProbeImportsEveryPackage() throws Exception {
    CompiledComponent probe =
        CompiledComponent.compile(Components.bytes("corral/probe.component.wasm"));
    assertEquals(
        Set.of(
            "wasi:cli",
            "wasi:io",
            "wasi:clocks",
            "wasi:random",
            "wasi:filesystem",
            "wasi:sockets",
            "wasi:http"),
        WasiHost.importedPackages(probe.world()));
  }

  @Test
  void aLinkerWithoutHttpLacksItsInterfaces() {
    try (WasiContext ctx = new WasiContext(Capabilities.none())) {
      var all = WasiHost.linker(ctx, List.of());
      var small = WasiHost.linker(ctx, List.of(), Set.of("wasi:cli"));
      String types = "wasi:http/types@" + WasiHost.VERSION;
      assertTrue(all.instance(types).isPresent());
      assertTrue(small.instance(types).isEmpty());
      assertTrue(small.instance("wasi:cli/stdout@" + WasiHost.VERSION).isPresent());
      assertTrue(small.instance("wasi:filesystem/types@" + WasiHost.VERSION).isEmpty());
      assertTrue(all.instance("wasi:config/store@0.2.0-draft").isPresent());
      assertTrue(all.instance("wasi:config/store@0.2.0-rc.1").isPresent());
      assertTrue(small.instance("wasi:config/store@0.2.0-draft").isEmpty());
    }
  }
}
