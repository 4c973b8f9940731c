package dev.corral.sandbox.wasi;

import java.util.Iterator;
import java.util.List;

/** The host side of a {@code directory-entry-stream}: entries read when the stream was opened. */
final class DirectoryEntries {
  /** One entry: its {@code descriptor-type} case index and name. */
  record Entry(int type, String name) {}

  private final Iterator<Entry> entries;

  DirectoryEntries(List<Entry> entries) {
    this.entries = List.copyOf(entries).iterator();
  }

  Entry next() {
    return entries.hasNext() ? entries.next() : null;
  }
}
