package dev.corral.mcp.server;

import dev.corral.mcp.component.ComponentStatus;
import dev.corral.mcp.component.LoadedComponent;
import dev.corral.mcp.component.UnservedComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The components a running server serves, by id, in load order. Ids are unique: of the components
 * served at start, a later one whose id is taken is served as {@code ID_2} ({@code _3}, ...;
 * logged), so the installed components, which come first, keep theirs. Loading a component later
 * with an id already present replaces it. Listeners hear of every change, with the new list.
 *
 * <p>Components that cannot be served ({@link UnservedComponent}) keep their id here too, with the
 * reason, until they are served ({@link #put}) or removed; they offer no tools.
 */
public final class ComponentRegistry {
  private static final Logger log = LoggerFactory.getLogger(ComponentRegistry.class);

  private final Map<String, LoadedComponent> components = new LinkedHashMap<>();
  private final Map<String, UnservedComponent> unserved = new LinkedHashMap<>();
  private final List<Consumer<List<LoadedComponent>>> listeners = new CopyOnWriteArrayList<>();

  /**
   * Serves {@code initial}, in that order, and keeps the unserved ones with their reasons (see the
   * class comment for ids that are taken).
   */
  public ComponentRegistry(List<? extends ComponentStatus> initial) {
    for (ComponentStatus component : initial) {
      String id = component.id();
      for (int n = 2; taken(id); n++) {
        id = component.id() + "_" + n;
      }
      if (!id.equals(component.id())) {
        log.warn(
            "component id '{}' is taken by {}; serving {} as '{}'",
            component.id(),
            holder(component.id()).source(),
            component.source(),
            id);
      }
      switch (component.withId(id)) {
        case LoadedComponent loaded -> components.put(id, loaded);
        case UnservedComponent skipped -> unserved.put(id, skipped);
      }
    }
  }

  private boolean taken(String id) {
    return components.containsKey(id) || unserved.containsKey(id);
  }

  private ComponentStatus holder(String id) {
    return components.containsKey(id) ? components.get(id) : unserved.get(id);
  }

  /** The components that cannot be served now, with the reasons, in load order. */
  public synchronized List<UnservedComponent> unserved() {
    return List.copyOf(unserved.values());
  }

  /**
   * Updates the reason an unserved component is not served; false (nothing changed) if {@code
   * component.id()} is not an unserved one (a served component is never taken down by this).
   */
  public synchronized boolean updateUnserved(UnservedComponent component) {
    return unserved.replace(component.id(), component) != null;
  }

  /**
   * Serves {@code component} in place of the unserved component of its id; false (nothing done) if
   * there is none (it was removed, or is served already).
   */
  public boolean serveInstead(LoadedComponent component) {
    List<LoadedComponent> now;
    synchronized (this) {
      if (unserved.remove(component.id()) == null) {
        return false;
      }
      components.put(component.id(), component);
      now = List.copyOf(components.values());
    }
    listeners.forEach(listener -> listener.accept(now));
    return true;
  }

  /** Forgets the unserved component {@code id}; the one forgotten, empty if there was none. */
  public synchronized Optional<UnservedComponent> removeUnserved(String id) {
    return Optional.ofNullable(unserved.remove(id));
  }

  /** Every component now, in load order. */
  public synchronized List<LoadedComponent> all() {
    return List.copyOf(components.values());
  }

  public synchronized Optional<LoadedComponent> get(String id) {
    return Optional.ofNullable(components.get(id));
  }

  /** Adds {@code component}, replacing one with the same id. */
  public void put(LoadedComponent component) {
    List<LoadedComponent> now;
    synchronized (this) {
      unserved.remove(component.id());
      components.remove(component.id());
      components.put(component.id(), component);
      now = List.copyOf(components.values());
    }
    listeners.forEach(listener -> listener.accept(now));
  }

  /** Removes the component {@code id}; the component removed, empty if there was none. */
  public Optional<LoadedComponent> remove(String id) {
    LoadedComponent removed;
    List<LoadedComponent> now;
    synchronized (this) {
      removed = components.remove(id);
      if (removed == null) {
        return Optional.empty();
      }
      now = List.copyOf(components.values());
    }
    listeners.forEach(listener -> listener.accept(now));
    return Optional.of(removed);
  }

  /** Calls {@code listener} after every change. */
  public void onChange(Consumer<List<LoadedComponent>> listener) {
    listeners.add(listener);
  }
}
