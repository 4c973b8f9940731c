package dev.corral.sandbox.wasi;

import dev.corral.sandbox.capability.Capabilities;
import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.host.HostInstance;
import dev.corral.sandbox.host.ImportCheck;
import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.world.Interface;
import dev.corral.sandbox.world.World;
import dev.corral.sandbox.world.WorldItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds the linker offering the WASI 0.2 interfaces, bound to one call's context. */
public final class WasiHost {
  /** The version the interfaces are implemented at; imports of any 0.2.x version link to them. */
  static final String VERSION = "0.2.12";

  /** What the host offers, as import errors name it. */
  private static final String OFFERED =
      "WASI "
          + VERSION
          + " interfaces of wasi:io, clocks, random, cli, filesystem, sockets, http, and"
          + " wasi:config/store at "
          + String.join(" and ", ConfigImports.VERSIONS);

  private WasiHost() {}

  static Linker linker(WasiContext ctx, List<Preopen> preopens) {
    return linker(ctx, preopens, Set.of(FILESYSTEM, SOCKETS, HTTP, CONFIG));
  }

  /**
   * A linker with wasi:io, clocks, random and cli, and of wasi:filesystem, sockets, http and config
   * only those among {@code packages} (such as {@code "wasi:http"}): building the host's functions
   * is a good part of a small call, so a call links only the packages its component imports.
   */
  static Linker linker(WasiContext ctx, List<Preopen> preopens, Set<String> packages) {
    List<HostInstance> instances = new ArrayList<>();
    IoImports io = new IoImports(ctx, instances);
    ClockAndRandomImports.register(ctx, io, instances);
    CliImports.register(ctx, io, instances);
    if (packages.contains(FILESYSTEM)) {
      FilesystemImports.register(ctx, io, preopens, instances);
    }
    if (packages.contains(SOCKETS)) {
      SocketsImports.register(ctx, io, instances);
    }
    if (packages.contains(HTTP)) {
      HttpImports.register(ctx, io, instances);
    }
    if (packages.contains(CONFIG)) {
      ConfigImports.register(ctx, instances);
    }
    return Linker.builder().instances(instances).build();
  }

  static final String FILESYSTEM = "wasi:filesystem";
  static final String SOCKETS = "wasi:sockets";
  static final String HTTP = "wasi:http";
  static final String CONFIG = "wasi:config";

  /**
   * Checks, without running guest code, that the host implements every interface, resource and
   * function {@code world} imports with the same types.
   *
   * @throws LinkException naming the first missing interface (and its version) or function
   */
  public static void checkImports(World world) throws LinkException {
    try (WasiContext ctx = new WasiContext(Capabilities.none())) {
      ImportCheck.check(world, linker(ctx, List.of()), OFFERED);
    }
  }

  /** The packages ({@code "wasi:http"}) of the interfaces {@code world} imports. */
  public static Set<String> importedPackages(World world) {
    Set<String> packages = new HashSet<>();
    for (WorldItem item : world.imports()) {
      if (item instanceof Interface i) {
        int slash = i.name().indexOf('/');
        packages.add(slash < 0 ? i.name() : i.name().substring(0, slash));
      }
    }
    return Set.copyOf(packages);
  }
}
