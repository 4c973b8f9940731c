package dev.corral.sandbox.binary;

import java.util.List;

/** A core type defined at component level: a function type or a module type. */
public sealed interface CoreTypeDef {
  /** A core function type. */
  record Func(List<CoreValType> params, List<CoreValType> results) implements CoreTypeDef {}

  /** A core module type: its imports and exports (kept as names and kinds). */
  record Module(List<ModuleDecl> decls) implements CoreTypeDef {}

  /** A declaration inside a core module type. */
  sealed interface ModuleDecl {
    /** {@code (import "module" "name" kind)}. */
    record Import(String module, String name, CoreExternKind kind) implements ModuleDecl {}

    /** {@code (export "name" kind)}. */
    record Export(String name, CoreExternKind kind) implements ModuleDecl {}

    /** A type or alias declaration inside the module type. */
    record Other(String description) implements ModuleDecl {}
  }

  /** The kind of a core import or export. */
  enum CoreExternKind {
    FUNC,
    TABLE,
    MEMORY,
    GLOBAL,
    TAG
  }
}
