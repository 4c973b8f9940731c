package dev.corral.mcp.server;

import dev.corral.mcp.component.LoadedComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The components a running server serves, by id, in load order. Loading a component with an id
 * already present replaces it. Listeners hear of every change, with the new list.
 */
public final class ComponentRegistry {
  private final Map<String, LoadedComponent> components = new LinkedHashMap<>();
  private final List<Consumer<List<LoadedComponent>>> listeners = new CopyOnWriteArrayList<>();

  public ComponentRegistry(List<LoadedComponent> initial) {
    initial.forEach(component -> components.put(component.id(), component));
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

  /** Removes the component {@code id}; false if there is none. */
  public boolean remove(String id) {
    List<LoadedComponent> now;
    synchronized (this) {
      if (components.remove(id) == null) {
        return false;
      }
      now = new ArrayList<>(components.values());
    }
    listeners.forEach(listener -> listener.accept(List.copyOf(now)));
    return true;
  }

  /** Calls {@code listener} after every change. */
  public void onChange(Consumer<List<LoadedComponent>> listener) {
    listeners.add(listener);
  }
}
