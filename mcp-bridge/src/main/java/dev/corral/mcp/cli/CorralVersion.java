package dev.corral.mcp.cli;

import dev.corral.mcp.server.ServerVersion;
import picocli.CommandLine;

/** Reports the version recorded in the jar's manifest ({@code corral --version}). */
public final class CorralVersion implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"corral " + ServerVersion.current()};
  }
}
