package dev.corral.mcp.server;

import dev.corral.mcp.component.LoadedComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The components a running server serves, by id, in load order. Ids are unique: of the
 * components served at start, a later one whose id is taken is served as {@code ID_2} ({@code
 * _3}, ...; logged), so the installed components, which come first, keep theirs. Loading a
 * component later with an id already present replaces it. Listeners hear of every change, with
 * the new list.
 */
public final class ComponentRegistry {
  private static final Logger log = LoggerFactory.getLogger(ComponentRegistry.class);

  private final Map<String, LoadedComponent> components = new LinkedHashMap<>();
  private final List<Consumer<List<LoadedComponent>>> listeners = new CopyOnWriteArrayList<>();

  /** Serves {@code initial}, in that order (see the class comment for ids that are taken). */
  public ComponentRegistry(List<LoadedComponent> initial) {
    for (LoadedComponent component : initial) {
      String id = component.id();
      for (int n = 2; components.containsKey(id); n++) {
        id = component.id() + "_" + n;
      }
      if (!id.equals(component.id())) {
        log.warn("component id '{}' is taken by {}; serving {} as '{}'",
            component.id(), components.get(component.id()).source(), component.source(), id);
      }
      components.put(id, component.withId(id));
    }
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
