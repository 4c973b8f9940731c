package dev.corral.mcp;

import dev.corral.mcp.cli.CorralCommand;
import java.security.Security;

/** The {@code corral} command-line entry point. */
public final class Main {
  /**
   * How long the JVM caches a successful name lookup: the sandbox checks every address a guest's
   * HTTP request resolves to, then java.net.http resolves the name again to connect, and the two
   * agree because the second is answered from this cache (see sandbox/README.md, HTTP).
   */
  static final String DNS_CACHE_SECONDS = "30";

  private Main() {}

  public static void main(String[] args) {
    configureJvm();
    System.exit(CorralCommand.commandLine().execute(args));
  }

  /**
   * JVM-wide settings, made before anything resolves a name (the JDK reads them once): the positive
   * DNS cache time, explicit rather than the JDK's default, whatever java.security says.
   */
  static void configureJvm() {
    Security.setProperty("networkaddress.cache.ttl", DNS_CACHE_SECONDS);
  }
}
