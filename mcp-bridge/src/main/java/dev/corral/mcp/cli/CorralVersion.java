package dev.corral.mcp.cli;

import picocli.CommandLine;

/** Reports the version recorded in the jar's manifest. */
public final class CorralVersion implements CommandLine.IVersionProvider {
  /** The version of this build, or {@code dev} when run from classes. */
  public static String current() {
    String version = CorralVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"corral " + current()};
  }
}
