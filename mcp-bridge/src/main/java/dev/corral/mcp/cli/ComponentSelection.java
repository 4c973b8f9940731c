package dev.corral.mcp.cli;

import dev.corral.mcp.component.ComponentDirectory;
import dev.corral.mcp.component.ComponentOpener;
import dev.corral.mcp.component.ComponentStatus;
import dev.corral.mcp.component.CorralDirectories;
import dev.corral.mcp.component.UnservedComponent;
import dev.corral.samples.SampleTools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which components a command serves: the installed ones, the {@code --component} files, and the
 * bundled samples unless {@code --component} (without {@code --samples}) or {@code --no-samples} is
 * given. Shared by {@code serve} and {@code tool}.
 */
final class ComponentSelection {
  @Option(
      names = "--component",
      paramLabel = "FILE",
      description = {
        "Load a component file (repeatable). A policy beside it named NAME.policy.yaml",
        "(NAME = file name without .wasm) applies when present.",
        "Installed components (corral component load) are always loaded; the bundled",
        "sample tools too, unless --component (without --samples) or --no-samples is given.",
        "A component that cannot be served is reported and skipped (serve --strict refuses)."
      })
  List<Path> components = new ArrayList<>();

  @Option(names = "--samples", description = "Load the bundled sample tools even with --component.")
  boolean samples;

  @Option(names = "--no-samples", description = "Leave out the bundled sample tools.")
  boolean noSamples;

  @Option(
      names = "--component-dir",
      paramLabel = "DIR",
      description = "Where installed components live (default: $XDG_DATA_HOME/corral/components).")
  Path componentDir;

  ComponentDirectory installed() {
    return CorralDirectories.current().installed(componentDir);
  }

  /**
   * Opens every selected component, in order (installed, --component files, samples). One that
   * cannot be served is kept as an {@link UnservedComponent} and reported on stderr, or, when
   * {@code strict}, refuses the whole command: then it never runs with a half-loaded tool set.
   */
  List<ComponentStatus> openAll(ComponentOpener opener, boolean strict) throws CliException {
    if (samples && noSamples) {
      throw new CliException("--samples and --no-samples contradict each other");
    }
    List<Path> files = new ArrayList<>(installedFiles());
    files.addAll(components);
    if (samples || (components.isEmpty() && !noSamples)) {
      files.addAll(sampleFiles());
    }
    List<ComponentStatus> opened = new ArrayList<>();
    for (Path file : files) {
      ComponentStatus status = opener.open(file);
      if (status instanceof UnservedComponent unserved) {
        if (strict) {
          throw new CliException(
              "cannot load component " + unserved.source() + ": " + unserved.reason());
        }
        System.err.println("corral: " + unserved.report());
      }
      opened.add(status);
    }
    return opened;
  }

  private List<Path> installedFiles() throws CliException {
    ComponentDirectory installed = installed();
    try {
      return installed.ids().stream().map(installed::componentFile).toList();
    } catch (IOException e) {
      throw new CliException(
          "cannot list the installed components in " + installed.path() + ": " + e.getMessage(), e);
    }
  }

  /** The bundled sample tools, written (with their policies) to the data directory. */
  private static List<Path> sampleFiles() throws CliException {
    Path directory = CorralDirectories.current().samples();
    try {
      return SampleTools.copyBundledTo(directory).stream()
          .map(tool -> directory.resolve(tool.name() + ".wasm"))
          .toList();
    } catch (IOException e) {
      throw new CliException(
          "cannot write the sample tools to " + directory + ": " + e.getMessage(), e);
    }
  }
}
