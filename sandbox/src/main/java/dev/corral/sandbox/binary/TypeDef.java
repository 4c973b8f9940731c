package dev.corral.sandbox.binary;

import dev.corral.sandbox.types.Primitive;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A component-level type definition ({@code deftype}), with type indices not yet resolved. */
public sealed interface TypeDef {

  /** A labelled type: a record field or a function parameter. */
  record Labelled(String label, TypeRef type) {}

  /** A variant case with an optional payload. */
  record CaseDef(String label, Optional<TypeRef> type) {}

  /** A primitive defined as a type of its own. */
  record Prim(Primitive primitive) implements TypeDef {}

  /** {@code (record (field l t)*)}. */
  record Record(List<Labelled> fields) implements TypeDef {}

  /** {@code (variant (case l t?)*)}. */
  record Variant(List<CaseDef> cases) implements TypeDef {}

  /** {@code (list t)}, or {@code (list t len)} with a positive fixed length. */
  record ListOf(TypeRef element, int fixedLength) implements TypeDef {}

  /** {@code (tuple t*)}. */
  record Tuple(List<TypeRef> types) implements TypeDef {}

  /** {@code (flags l*)}. */
  record Flags(List<String> names) implements TypeDef {}

  /** {@code (enum l*)}. */
  record Enum(List<String> cases) implements TypeDef {}

  /** {@code (option t)}. */
  record Option(TypeRef some) implements TypeDef {}

  /** {@code (result t? (error u)?)}. */
  record Result(Optional<TypeRef> ok, Optional<TypeRef> err) implements TypeDef {}

  /** {@code (own i)}. */
  record Own(int resourceIndex) implements TypeDef {}

  /** {@code (borrow i)}. */
  record Borrow(int resourceIndex) implements TypeDef {}

  /**
   * A type from a gated or asynchronous feature (stream, future, error-context, map) that the
   * decoder reads but the runtime refuses.
   */
  record Unsupported(String description) implements TypeDef {}

  /** {@code (func async? (param l t)* (result t)?)}. */
  record Func(List<Labelled> params, Optional<TypeRef> result, boolean async) implements TypeDef {}

  /** {@code (component decl*)}. */
  record ComponentType(List<Decl> decls) implements TypeDef {}

  /** {@code (instance decl*)}. */
  record InstanceType(List<Decl> decls) implements TypeDef {}

  /** {@code (resource (rep i32) (dtor f)?)}. */
  record Resource(CoreValType rep, OptionalInt destructor) implements TypeDef {}

  /** A declaration inside a component or instance type. */
  sealed interface Decl {
    /** A core type declared inside the type. */
    record CoreType(CoreTypeDef type) implements Decl {}

    /** A nested type definition. */
    record Type(TypeDef type) implements Decl {}

    /** An alias (export aliases of types and instances, outer aliases of types). */
    record AliasDecl(Alias alias) implements Decl {}

    /** An export, which also adds to the index space of its sort. */
    record Export(ExternName name, ExternDesc desc) implements Decl {}

    /** An import (component types only). */
    record Import(ExternName name, ExternDesc desc) implements Decl {}
  }
}
