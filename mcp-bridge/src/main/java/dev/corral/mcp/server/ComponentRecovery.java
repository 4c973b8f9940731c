package dev.corral.mcp.server;

import dev.corral.mcp.component.ComponentOpener;
import dev.corral.mcp.component.ComponentStatus;
import dev.corral.mcp.component.LoadedComponent;
import dev.corral.mcp.component.UnservedComponent;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a component that could not be served once its files are fixed (the policy edited, the
 * component reinstalled), without a restart. Every {@link #check} looks at the files each unserved
 * component is opened from ({@link ComponentOpener#inputs}: one {@code stat} each) and opens it
 * again only when one of them changed since the last attempt. A component that opens is served (the
 * registry's listeners announce its tools with {@code notifications/tools/list_changed}); one that
 * still fails for another reason is reported again.
 */
public final class ComponentRecovery implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ComponentRecovery.class);

  /** Where reports go: stderr and the MCP clients. */
  @FunctionalInterface
  public interface Notices {
    void send(LoggingLevel level, String text);
  }

  private final ComponentRegistry registry;
  private final ComponentOpener opener;
  private final Notices notices;
  private final Map<String, List<Stamp>> attempted = new HashMap<>();
  private final ScheduledExecutorService timer;

  /** A file's state: absent, or its modification time, size and identity. */
  private record Stamp(boolean exists, FileTime modified, long size, Object fileKey) {}

  /**
   * Watches the unserved components of {@code registry}, checking every {@code period}. The first
   * check opens each once more (its files may have changed since the start read them); a reason
   * that stays the same is not reported again.
   */
  public ComponentRecovery(
      ComponentRegistry registry, ComponentOpener opener, Notices notices, Duration period) {
    this.registry = registry;
    this.opener = opener;
    this.notices = notices;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("corral-recovery").factory());
    timer.scheduleWithFixedDelay(
        this::checkLogged, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Opens again each unserved component whose files changed since it was last tried. */
  public synchronized void check() {
    for (UnservedComponent component : registry.unserved()) {
      List<Stamp> now = stamps(component);
      if (now.equals(attempted.get(component.id()))) {
        continue;
      }
      attempted.put(component.id(), now);
      ComponentStatus status = opener.open(component.source()).withId(component.id());
      switch (status) {
        case LoadedComponent loaded -> {
          if (registry.serveInstead(loaded)) {
            attempted.remove(component.id());
            notices.send(
                LoggingLevel.INFO,
                "now serving component "
                    + loaded.id()
                    + " ("
                    + loaded.source()
                    + "): "
                    + loaded.tools().size()
                    + " tool(s)");
          }
        }
        case UnservedComponent still -> {
          if (!still.reason().equals(component.reason()) && registry.updateUnserved(still)) {
            notices.send(LoggingLevel.ERROR, still.report());
          }
        }
      }
    }
  }

  private void checkLogged() {
    try {
      check();
    } catch (RuntimeException e) {
      log.error("checking the unserved components failed", e);
    }
  }

  private List<Stamp> stamps(UnservedComponent component) {
    List<Stamp> stamps = new ArrayList<>();
    for (Path file : opener.inputs(component.source())) {
      stamps.add(stamp(file));
    }
    return stamps;
  }

  private static Stamp stamp(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(
          true, attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
    } catch (NoSuchFileException e) {
      return new Stamp(false, null, -1, null);
    } catch (IOException e) {
      return new Stamp(false, null, -2, e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
