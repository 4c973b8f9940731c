package dev.corral.mcp.server;

/** The version of this build, recorded in the jar's manifest; the server reports it to clients. */
public final class ServerVersion {
  private ServerVersion() {}

  /** The version of this build, or {@code dev} when run from classes. */
  public static String current() {
    String version = ServerVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
