package dev.corral.sandbox.binary;

import dev.corral.sandbox.binary.Definition.Arg;
import dev.corral.sandbox.binary.Definition.CoreArg;
import dev.corral.sandbox.binary.Definition.CoreExport;
import dev.corral.sandbox.binary.Definition.CoreInstanceExpr;
import dev.corral.sandbox.binary.Definition.InstanceExpr;
import dev.corral.sandbox.binary.Definition.NamedItem;
import dev.corral.sandbox.types.Primitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decodes the Component Model binary format into a {@link Component}. Every malformed or truncated
 * input fails with a {@link ComponentDecodeException} naming the byte offset; no unchecked
 * exception escapes.
 */
public final class ComponentDecoder {
  private static final int COMPONENT_VERSION = 0x0d;
  private static final int MAX_NESTING = 100;

  private ComponentDecoder() {}

  /** Whether {@code bytes} starts with a component preamble (as opposed to a core module). */
  public static boolean isComponent(byte[] bytes) {
    return bytes.length >= 8
        && bytes[0] == 0
        && bytes[1] == 'a'
        && bytes[2] == 's'
        && bytes[3] == 'm'
        && bytes[6] == 1
        && bytes[7] == 0;
  }

  /** Decodes a whole component binary. */
  public static Component decode(byte[] bytes) throws ComponentDecodeException {
    ByteReader reader = new ByteReader(bytes, 0, bytes.length);
    try {
      Component component = new ComponentDecoder().component(reader, 0);
      reader.requireEnd("component");
      return component;
    } catch (RuntimeException | StackOverflowError e) {
      // A last resort: every known malformation is reported where it is found. This names where
      // the decoder was reading when it failed, in whichever nested section.
      throw new ComponentDecodeException(
          reader.lastRead(), "malformed component (the decoder failed with " + e + ")");
    }
  }

  private Component component(ByteReader r, int depth) throws ComponentDecodeException {
    if (depth > MAX_NESTING) {
      throw new ComponentDecodeException(
          r.position(), "components nested deeper than " + MAX_NESTING);
    }
    preamble(r);
    List<Definition> definitions = new ArrayList<>();
    List<CustomSection> customs = new ArrayList<>();
    while (r.hasMore()) {
      int sectionStart = r.position();
      int id = r.u8("section id");
      int size = r.u32("section size");
      ByteReader s = r.slice(size, "section " + id + " of " + size + " bytes");
      switch (id) {
        case 0 -> {
          int start = s.position();
          String name = s.name("custom section name");
          int contents = s.position();
          customs.add(
              new CustomSection(
                  name, s.take(s.limit() - s.position(), "custom section"), start, contents));
        }
        case 1 ->
            definitions.add(
                new Definition.CoreModule(s.take(size, "core module"), s.position() - size));
        case 2 ->
            vec(s, "core instance", definitions, x -> new Definition.CoreInstance(coreInstance(x)));
        case 3 -> vec(s, "core type", definitions, x -> new Definition.CoreType(coreType(x)));
        case 4 -> definitions.add(new Definition.NestedComponent(component(s, depth + 1)));
        case 5 -> vec(s, "instance", definitions, x -> new Definition.Instance(instance(x)));
        case 6 -> vec(s, "alias", definitions, x -> new Definition.AliasDef(alias(x)));
        case 7 -> vec(s, "type", definitions, x -> new Definition.Type(type(x, depth)));
        case 8 -> vec(s, "canon", definitions, x -> new Definition.CanonDef(canon(x)));
        case 9 -> definitions.add(start(s));
        case 10 ->
            vec(s, "import", definitions, x -> new Definition.Import(externName(x), externDesc(x)));
        case 11 -> vec(s, "export", definitions, this::export);
        case 12 ->
            throw new ComponentDecodeException(
                sectionStart, "value sections (a gated Component Model feature) are not supported");
        default -> throw new ComponentDecodeException(sectionStart, "unknown section id " + id);
      }
      s.requireEnd("section " + id);
    }
    return new Component(definitions, customs);
  }

  private static void preamble(ByteReader r) throws ComponentDecodeException {
    int start = r.position();
    if (r.limit() - start < 8) {
      throw new ComponentDecodeException(start, "too short for a WebAssembly preamble (8 bytes)");
    }
    byte[] b = r.take(8, "preamble");
    if (b[0] != 0 || b[1] != 'a' || b[2] != 's' || b[3] != 'm') {
      throw new ComponentDecodeException(start, "not a WebAssembly binary (bad magic number)");
    }
    int version = (b[4] & 0xFF) | (b[5] & 0xFF) << 8;
    int layer = (b[6] & 0xFF) | (b[7] & 0xFF) << 8;
    if (layer == 0) {
      throw new ComponentDecodeException(
          start + 6, "this is a core WebAssembly module, not a component (layer 0)");
    }
    if (layer != 1) {
      throw new ComponentDecodeException(
          start + 6, "unknown layer " + layer + ", expected 1 (component)");
    }
    if (version != COMPONENT_VERSION) {
      throw new ComponentDecodeException(
          start + 4,
          String.format(
              "unsupported component binary version 0x%x, expected 0x%x",
              version, COMPONENT_VERSION));
    }
  }

  @FunctionalInterface
  private interface ElementReader<T> {
    T read(ByteReader r) throws ComponentDecodeException;
  }

  private static <T> void vec(
      ByteReader r, String what, List<? super T> out, ElementReader<T> element)
      throws ComponentDecodeException {
    int n = r.count(what);
    for (int i = 0; i < n; i++) {
      out.add(element.read(r));
    }
  }

  private static <T> List<T> vec(ByteReader r, String what, ElementReader<T> element)
      throws ComponentDecodeException {
    List<T> out = new ArrayList<>();
    vec(r, what, out, element);
    return out;
  }

  // ---- sorts and names ----

  private static Sort coreSort(ByteReader r) throws ComponentDecodeException {
    int start = r.position();
    int b = r.u8("core sort");
    return switch (b) {
      case 0x00 -> Sort.CORE_FUNC;
      case 0x01 -> Sort.CORE_TABLE;
      case 0x02 -> Sort.CORE_MEMORY;
      case 0x03 -> Sort.CORE_GLOBAL;
      case 0x04 -> Sort.CORE_TAG;
      case 0x10 -> Sort.CORE_TYPE;
      case 0x11 -> Sort.CORE_MODULE;
      case 0x12 -> Sort.CORE_INSTANCE;
      default ->
          throw new ComponentDecodeException(start, String.format("unknown core sort 0x%02x", b));
    };
  }

  /** A {@code sort}, core sorts included (also read by {@link ComponentNames}). */
  static Sort readSort(ByteReader r) throws ComponentDecodeException {
    return sort(r);
  }

  private static Sort sort(ByteReader r) throws ComponentDecodeException {
    int start = r.position();
    int b = r.u8("sort");
    return switch (b) {
      case 0x00 -> coreSort(r);
      case 0x01 -> Sort.FUNC;
      case 0x02 -> Sort.VALUE;
      case 0x03 -> Sort.TYPE;
      case 0x04 -> Sort.COMPONENT;
      case 0x05 -> Sort.INSTANCE;
      default -> throw new ComponentDecodeException(start, String.format("unknown sort 0x%02x", b));
    };
  }

  private static SortIndex sortIndex(ByteReader r) throws ComponentDecodeException {
    Sort sort = sort(r);
    return new SortIndex(sort, r.u32(sort + " index"));
  }

  private static ExternName externName(ByteReader r) throws ComponentDecodeException {
    int start = r.position();
    int kind = r.u8("extern name kind");
    String name = r.name("extern name");
    if (kind == 0x00 || kind == 0x01) {
      return ExternName.of(name);
    }
    if (kind != 0x02) {
      throw new ComponentDecodeException(
          start, String.format("unknown extern name kind 0x%02x", kind));
    }
    Optional<String> implementsName = Optional.empty();
    Optional<String> versionSuffix = Optional.empty();
    int n = r.count("name attribute");
    for (int i = 0; i < n; i++) {
      int at = r.position();
      int attr = r.u8("name attribute");
      switch (attr) {
        case 0x00 -> implementsName = Optional.of(r.name("implements attribute"));
        case 0x01 -> versionSuffix = Optional.of(r.name("version suffix attribute"));
        case 0x02 -> r.name("external id attribute");
        default ->
            throw new ComponentDecodeException(
                at, String.format("unknown name attribute 0x%02x", attr));
      }
    }
    return new ExternName(name, implementsName, versionSuffix);
  }

  // ---- instances ----

  private static CoreInstanceExpr coreInstance(ByteReader r) throws ComponentDecodeException {
    int start = r.position();
    int tag = r.u8("core instance kind");
    return switch (tag) {
      case 0x00 -> {
        int module = r.u32("core module index");
        List<CoreArg> args =
            vec(
                r,
                "core instantiate argument",
                x -> {
                  String name = x.name("core instantiate argument name");
                  x.expect(0x12, "core instance sort of an instantiate argument");
                  return new CoreArg(name, x.u32("core instance index"));
                });
        yield new CoreInstanceExpr.Instantiate(module, args);
      }
      case 0x01 ->
          new CoreInstanceExpr.FromExports(
              vec(
                  r,
                  "core inline export",
                  x -> {
                    String name = x.name("core export name");
                    Sort sort = coreSort(x);
                    return new CoreExport(name, new SortIndex(sort, x.u32(sort + " index")));
                  }));
      default ->
          throw new ComponentDecodeException(
              start, String.format("unknown core instance kind 0x%02x", tag));
    };
  }

  private static InstanceExpr instance(ByteReader r) throws ComponentDecodeException {
    int start = r.position();
    int tag = r.u8("instance kind");
    return switch (tag) {
      case 0x00 -> {
        int component = r.u32("component index");
        List<Arg> args =
            vec(r, "instantiate argument", x -> new Arg(x.name("argument name"), sortIndex(x)));
        yield new InstanceExpr.Instantiate(component, args);
      }
      case 0x01 ->
          new InstanceExpr.FromExports(
              vec(r, "inline export", x -> new NamedItem(externName(x), sortIndex(x))));
      default ->
          throw new ComponentDecodeException(
              start, String.format("unknown instance kind 0x%02x", tag));
    };
  }

  // ---- aliases ----

  private static Alias alias(ByteReader r) throws ComponentDecodeException {
    Sort sort = sort(r);
    int start = r.position();
    int tag = r.u8("alias kind");
    return switch (tag) {
      case 0x00 -> new Alias.InstanceExport(sort, r.u32("instance index"), r.name("export name"));
      case 0x01 ->
          new Alias.CoreInstanceExport(
              sort, r.u32("core instance index"), r.name("core export name"));
      case 0x02 -> new Alias.Outer(sort, r.u32("outer count"), r.u32("outer index"));
      default ->
          throw new ComponentDecodeException(
              start, String.format("unknown alias kind 0x%02x", tag));
    };
  }

  // ---- core types ----

  private static CoreTypeDef coreType(ByteReader r) throws ComponentDecodeException {
    int start = r.position();
    int tag = r.u8("core type");
    return switch (tag) {
      case 0x60 -> {
        List<CoreValType> params = vec(r, "core function parameter", ComponentDecoder::coreValType);
        List<CoreValType> results = vec(r, "core function result", ComponentDecoder::coreValType);
        yield new CoreTypeDef.Func(params, results);
      }
      case 0x50 ->
          new CoreTypeDef.Module(vec(r, "core module declaration", ComponentDecoder::moduleDecl));
      default ->
          throw new ComponentDecodeException(
              start,
              String.format(
                  "unsupported core type form 0x%02x (only function and module types; GC types are not supported)",
                  tag));
    };
  }

  private static CoreValType coreValType(ByteReader r) throws ComponentDecodeException {
    int start = r.position();
    int b = r.u8("core value type");
    return switch (b) {
      case 0x7f -> CoreValType.I32;
      case 0x7e -> CoreValType.I64;
      case 0x7d -> CoreValType.F32;
      case 0x7c -> CoreValType.F64;
      case 0x7b -> CoreValType.V128;
      case 0x70 -> CoreValType.FUNCREF;
      case 0x6f -> CoreValType.EXTERNREF;
      default ->
          throw new ComponentDecodeException(
              start, String.format("unsupported core value type 0x%02x", b));
    };
  }

  private static CoreTypeDef.ModuleDecl moduleDecl(ByteReader r) throws ComponentDecodeException {
    int start = r.position();
    int tag = r.u8("core module declaration");
    return switch (tag) {
      case 0x00 ->
          new CoreTypeDef.ModuleDecl.Import(
              r.name("import module"), r.name("import name"), coreExternKind(r));
      case 0x01 -> {
        // Binary.md: validation of core:moduledecl rejects module types inside a module type
        // (which also bounds the recursion here)
        if (r.peek("core type") == 0x50) {
          throw new ComponentDecodeException(
              r.position(), "a module type cannot declare a module type");
        }
        CoreTypeDef type = coreType(r);
        yield new CoreTypeDef.ModuleDecl.Other("type " + type);
      }
      case 0x02 -> {
        r.expect(0x10, "core type sort of a module-type alias");
        r.expect(0x01, "outer alias kind");
        int count = r.u32("outer count");
        int index = r.u32("outer index");
        yield new CoreTypeDef.ModuleDecl.Other("alias outer " + count + " " + index);
      }
      case 0x03 -> new CoreTypeDef.ModuleDecl.Export(r.name("export name"), coreExternKind(r));
      default ->
          throw new ComponentDecodeException(
              start, String.format("unknown core module declaration 0x%02x", tag));
    };
  }

  private static CoreTypeDef.CoreExternKind coreExternKind(ByteReader r)
      throws ComponentDecodeException {
    int start = r.position();
    int kind = r.u8("core extern kind");
    switch (kind) {
      case 0x00 -> {
        r.u32("function type index");
        return CoreTypeDef.CoreExternKind.FUNC;
      }
      case 0x01 -> {
        coreValType(r);
        limits(r);
        return CoreTypeDef.CoreExternKind.TABLE;
      }
      case 0x02 -> {
        limits(r);
        return CoreTypeDef.CoreExternKind.MEMORY;
      }
      case 0x03 -> {
        coreValType(r);
        int mut = r.u8("global mutability");
        if (mut > 1) {
          throw new ComponentDecodeException(start, "invalid global mutability " + mut);
        }
        return CoreTypeDef.CoreExternKind.GLOBAL;
      }
      case 0x04 -> {
        r.expect(0x00, "tag attribute");
        r.u32("tag type index");
        return CoreTypeDef.CoreExternKind.TAG;
      }
      default ->
          throw new ComponentDecodeException(
              start, String.format("unknown core extern kind 0x%02x", kind));
    }
  }

  private static void limits(ByteReader r) throws ComponentDecodeException {
    int start = r.position();
    int flags = r.u8("limits flags");
    if (flags > 0x07) {
      throw new ComponentDecodeException(
          start, String.format("invalid limits flags 0x%02x", flags));
    }
    u64(r, "limits minimum");
    if ((flags & 0x01) != 0) {
      u64(r, "limits maximum");
    }
  }

  private static void u64(ByteReader r, String what) throws ComponentDecodeException {
    int start = r.position();
    for (int i = 0; i < 10; i++) {
      if ((r.u8(what) & 0x80) == 0) {
        return;
      }
    }
    throw new ComponentDecodeException(start, what + ": LEB128 encoding is too long");
  }

  // ---- component types ----

  private static final int PRIM_ERROR_CONTEXT = 0x64;

  private static boolean isPrimitiveCode(int b) {
    return (b >= 0x73 && b <= 0x7f) || b == PRIM_ERROR_CONTEXT;
  }

  private static Primitive primitive(int b) {
    return switch (b) {
      case 0x7f -> Primitive.BOOL;
      case 0x7e -> Primitive.S8;
      case 0x7d -> Primitive.U8;
      case 0x7c -> Primitive.S16;
      case 0x7b -> Primitive.U16;
      case 0x7a -> Primitive.S32;
      case 0x79 -> Primitive.U32;
      case 0x78 -> Primitive.S64;
      case 0x77 -> Primitive.U64;
      case 0x76 -> Primitive.F32;
      case 0x75 -> Primitive.F64;
      case 0x74 -> Primitive.CHAR;
      case 0x73 -> Primitive.STRING;
      default -> throw new IllegalArgumentException("not a primitive: " + b);
    };
  }

  private static TypeRef valType(ByteReader r) throws ComponentDecodeException {
    int start = r.position();
    int b = r.peek("value type");
    if (b == PRIM_ERROR_CONTEXT) {
      throw new ComponentDecodeException(
          start, "error-context (component-model async) is not supported");
    }
    if (isPrimitiveCode(b)) {
      r.u8("value type");
      return new TypeRef.Prim(primitive(b));
    }
    long index = s33(r, "type index");
    if (index < 0 || index > Integer.MAX_VALUE) {
      throw new ComponentDecodeException(start, String.format("invalid value type 0x%02x", b));
    }
    return new TypeRef.Index((int) index);
  }

  private static long s33(ByteReader r, String what) throws ComponentDecodeException {
    int start = r.position();
    long result = 0;
    int shift = 0;
    int b;
    do {
      if (shift >= 35) {
        throw new ComponentDecodeException(start, what + ": s33 LEB128 encoding is too long");
      }
      b = r.u8(what);
      result |= (long) (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    if (shift < 64 && (b & 0x40) != 0) {
      result |= -1L << shift;
    }
    return result;
  }

  private static Optional<TypeRef> optionalValType(ByteReader r, String what)
      throws ComponentDecodeException {
    int start = r.position();
    int present = r.u8(what + " presence flag");
    return switch (present) {
      case 0x00 -> Optional.empty();
      case 0x01 -> Optional.of(valType(r));
      default ->
          throw new ComponentDecodeException(
              start, what + ": expected 0x00 or 0x01, found " + present);
    };
  }

  private TypeDef type(ByteReader r, int depth) throws ComponentDecodeException {
    int start = r.position();
    int b = r.u8("type definition");
    if (isPrimitiveCode(b)) {
      if (b == PRIM_ERROR_CONTEXT) {
        return new TypeDef.Unsupported("error-context");
      }
      return new TypeDef.Prim(primitive(b));
    }
    return switch (b) {
      case 0x72 ->
          new TypeDef.Record(
              nonEmpty(
                  vec(r, "record field", ComponentDecoder::labelled), start, "a record", "field"));
      case 0x71 ->
          new TypeDef.Variant(
              nonEmpty(
                  vec(r, "variant case", ComponentDecoder::variantCase),
                  start,
                  "a variant",
                  "case"));
      case 0x70 -> new TypeDef.ListOf(valType(r), 0);
      case 0x67 -> {
        TypeRef element = valType(r);
        int length = r.u32("fixed list length");
        if (length == 0) {
          throw new ComponentDecodeException(
              start, "a fixed-length list must have a length above 0");
        }
        yield new TypeDef.ListOf(element, length);
      }
      case 0x6f ->
          new TypeDef.Tuple(
              nonEmpty(
                  vec(r, "tuple element", ComponentDecoder::valType), start, "a tuple", "element"));
      case 0x6e ->
          new TypeDef.Flags(
              nonEmpty(vec(r, "flag", x -> x.name("flag name")), start, "flags", "name"));
      case 0x6d ->
          new TypeDef.Enum(
              nonEmpty(
                  vec(r, "enum case", x -> x.name("enum case name")), start, "an enum", "case"));
      case 0x6b -> new TypeDef.Option(valType(r));
      case 0x6a ->
          new TypeDef.Result(
              optionalValType(r, "result ok type"), optionalValType(r, "result error type"));
      case 0x69 -> new TypeDef.Own(r.u32("resource type index"));
      case 0x68 -> new TypeDef.Borrow(r.u32("resource type index"));
      case 0x66 -> {
        optionalValType(r, "stream element type");
        yield new TypeDef.Unsupported("stream");
      }
      case 0x65 -> {
        optionalValType(r, "future value type");
        yield new TypeDef.Unsupported("future");
      }
      case 0x63 -> {
        valType(r);
        valType(r);
        yield new TypeDef.Unsupported("map");
      }
      case 0x40, 0x43 -> {
        List<TypeDef.Labelled> params = vec(r, "function parameter", ComponentDecoder::labelled);
        Optional<TypeRef> result = resultList(r);
        yield new TypeDef.Func(params, result, b == 0x43);
      }
      case 0x41 ->
          new TypeDef.ComponentType(
              vec(r, "component type declaration", x -> componentDecl(x, depth)));
      case 0x42 ->
          new TypeDef.InstanceType(
              vec(r, "instance type declaration", x -> instanceDecl(x, depth)));
      case 0x3f -> {
        CoreValType rep = coreValType(r);
        if (rep != CoreValType.I32) {
          throw new ComponentDecodeException(
              start, "a resource representation must be i32, found " + rep);
        }
        int present = r.u8("destructor presence flag");
        OptionalInt dtor =
            switch (present) {
              case 0 -> OptionalInt.empty();
              case 1 -> OptionalInt.of(r.u32("destructor function index"));
              default ->
                  throw new ComponentDecodeException(
                      start, "invalid destructor presence flag " + present);
            };
        yield new TypeDef.Resource(rep, dtor);
      }
      default ->
          throw new ComponentDecodeException(
              start, String.format("unknown type definition 0x%02x", b));
    };
  }

  /**
   * {@code items}, unless it is empty: the component model has no empty records, variants, tuples,
   * flags or enums.
   */
  private static <T> List<T> nonEmpty(List<T> items, int start, String what, String item)
      throws ComponentDecodeException {
    if (items.isEmpty()) {
      throw new ComponentDecodeException(start, what + " type must have at least one " + item);
    }
    return items;
  }

  private static TypeDef.Labelled labelled(ByteReader r) throws ComponentDecodeException {
    return new TypeDef.Labelled(r.name("label"), valType(r));
  }

  private static TypeDef.CaseDef variantCase(ByteReader r) throws ComponentDecodeException {
    String label = r.name("case label");
    Optional<TypeRef> type = optionalValType(r, "case payload type");
    int start = r.position();
    int refines = r.u8("case refinement flag");
    if (refines == 0x01) {
      r.u32("refined case index");
    } else if (refines != 0x00) {
      throw new ComponentDecodeException(
          start, "expected 0x00 after a variant case, found " + refines);
    }
    return new TypeDef.CaseDef(label, type);
  }

  private static Optional<TypeRef> resultList(ByteReader r) throws ComponentDecodeException {
    int start = r.position();
    int tag = r.u8("function result list");
    return switch (tag) {
      case 0x00 -> Optional.of(valType(r));
      case 0x01 -> {
        int n = r.u32("named result count");
        if (n != 0) {
          throw new ComponentDecodeException(
              start,
              "functions with several named results (an obsolete encoding) are not supported");
        }
        yield Optional.empty();
      }
      default ->
          throw new ComponentDecodeException(
              start, String.format("unknown result list 0x%02x", tag));
    };
  }

  private TypeDef.Decl componentDecl(ByteReader r, int depth) throws ComponentDecodeException {
    if (r.peek("component type declaration") == 0x03) {
      r.u8("component type declaration");
      return new TypeDef.Decl.Import(externName(r), externDesc(r));
    }
    return instanceDecl(r, depth);
  }

  private TypeDef.Decl instanceDecl(ByteReader r, int depth) throws ComponentDecodeException {
    int start = r.position();
    if (depth > MAX_NESTING) {
      throw new ComponentDecodeException(start, "types nested deeper than " + MAX_NESTING);
    }
    int tag = r.u8("instance type declaration");
    return switch (tag) {
      case 0x00 -> new TypeDef.Decl.CoreType(coreType(r));
      case 0x01 -> new TypeDef.Decl.Type(type(r, depth + 1));
      case 0x02 -> new TypeDef.Decl.AliasDecl(alias(r));
      case 0x04 -> new TypeDef.Decl.Export(externName(r), externDesc(r));
      default ->
          throw new ComponentDecodeException(
              start, String.format("unknown type declaration 0x%02x", tag));
    };
  }

  private static ExternDesc externDesc(ByteReader r) throws ComponentDecodeException {
    int start = r.position();
    int tag = r.u8("extern type");
    return switch (tag) {
      case 0x00 -> {
        r.expect(0x11, "core module sort");
        yield new ExternDesc.CoreModule(r.u32("core type index"));
      }
      case 0x01 -> new ExternDesc.Func(r.u32("function type index"));
      case 0x02 -> {
        int boundStart = r.position();
        int bound = r.u8("value bound");
        yield switch (bound) {
          case 0x00 -> new ExternDesc.Value(true, r.u32("value index"), null);
          case 0x01 -> new ExternDesc.Value(false, -1, valType(r));
          default -> throw new ComponentDecodeException(boundStart, "unknown value bound " + bound);
        };
      }
      case 0x03 -> {
        int boundStart = r.position();
        int bound = r.u8("type bound");
        yield switch (bound) {
          case 0x00 -> new ExternDesc.TypeEq(r.u32("type index"));
          case 0x01 -> new ExternDesc.TypeSubResource();
          default -> throw new ComponentDecodeException(boundStart, "unknown type bound " + bound);
        };
      }
      case 0x04 -> new ExternDesc.Component(r.u32("component type index"));
      case 0x05 -> new ExternDesc.Instance(r.u32("instance type index"));
      default ->
          throw new ComponentDecodeException(
              start, String.format("unknown extern type 0x%02x", tag));
    };
  }

  // ---- canon, start, export ----

  private static Canon canon(ByteReader r) throws ComponentDecodeException {
    int start = r.position();
    int op = r.u8("canon opcode");
    return switch (op) {
      case 0x00 -> {
        r.expect(0x00, "core func sort of canon lift");
        int coreFunc = r.u32("core function index");
        CanonOptions options = canonOptions(r);
        yield new Canon.Lift(coreFunc, options, r.u32("function type index"));
      }
      case 0x01 -> {
        r.expect(0x00, "func sort of canon lower");
        int func = r.u32("function index");
        yield new Canon.Lower(func, canonOptions(r));
      }
      case 0x02 -> new Canon.ResourceNew(r.u32("resource type index"));
      case 0x03 -> new Canon.ResourceDrop(r.u32("resource type index"), false);
      case 0x07 -> new Canon.ResourceDrop(r.u32("resource type index"), true);
      case 0x04 -> new Canon.ResourceRep(r.u32("resource type index"));
      case 0x24 -> new Canon.Unsupported("backpressure.inc");
      case 0x25 -> new Canon.Unsupported("backpressure.dec");
      case 0x08 -> {
        r.u8("backpressure.set");
        yield new Canon.Unsupported("backpressure.set");
      }
      case 0x09 -> {
        resultList(r);
        canonOptions(r);
        yield new Canon.Unsupported("task.return");
      }
      case 0x05 -> new Canon.Unsupported("task.cancel");
      case 0x0a, 0x0b -> {
        coreValType(r);
        r.u32("context slot");
        yield new Canon.Unsupported(op == 0x0a ? "context.get" : "context.set");
      }
      case 0x06 -> {
        r.u8("async flag");
        yield new Canon.Unsupported("subtask.cancel");
      }
      case 0x0d -> new Canon.Unsupported("subtask.drop");
      case 0x0e, 0x13, 0x14, 0x15, 0x1a, 0x1b -> {
        r.u32("type index");
        yield new Canon.Unsupported("stream or future built-in");
      }
      case 0x0f, 0x10, 0x16, 0x17 -> {
        r.u32("type index");
        canonOptions(r);
        yield new Canon.Unsupported("stream or future read/write");
      }
      case 0x11, 0x12, 0x18, 0x19 -> {
        r.u32("type index");
        r.u8("async flag");
        yield new Canon.Unsupported("stream or future cancel");
      }
      case 0x1c, 0x1d -> {
        canonOptions(r);
        yield new Canon.Unsupported("error-context built-in");
      }
      case 0x1e -> new Canon.Unsupported("error-context.drop");
      case 0x1f -> new Canon.Unsupported("waitable-set.new");
      case 0x20, 0x21 -> {
        r.u8("cancellable flag");
        r.u32("memory index");
        yield new Canon.Unsupported("waitable-set.wait/poll");
      }
      case 0x22 -> new Canon.Unsupported("waitable-set.drop");
      case 0x23 -> new Canon.Unsupported("waitable.join");
      case 0x26, 0x28 -> new Canon.Unsupported("thread built-in");
      case 0x27 -> {
        r.u32("core type index");
        r.u32("table index");
        yield new Canon.Unsupported("thread.new-indirect");
      }
      case 0x0c, 0x29, 0x2a, 0x2b, 0x2c, 0x2d -> {
        r.u8("cancellable flag");
        yield new Canon.Unsupported("thread yield/suspend");
      }
      case 0x40 -> {
        r.u8("shared flag");
        r.u32("core type index");
        yield new Canon.Unsupported("thread.spawn-ref");
      }
      case 0x41 -> {
        r.u8("shared flag");
        r.u32("core type index");
        r.u32("table index");
        yield new Canon.Unsupported("thread.spawn-indirect");
      }
      case 0x42 -> {
        r.u8("shared flag");
        yield new Canon.Unsupported("thread.available-parallelism");
      }
      default ->
          throw new ComponentDecodeException(
              start, String.format("unknown canon opcode 0x%02x", op));
    };
  }

  private static CanonOptions canonOptions(ByteReader r) throws ComponentDecodeException {
    StringEncoding encoding = null;
    OptionalInt memory = OptionalInt.empty();
    OptionalInt realloc = OptionalInt.empty();
    OptionalInt postReturn = OptionalInt.empty();
    OptionalInt callback = OptionalInt.empty();
    boolean async = false;
    int n = r.count("canon option");
    for (int i = 0; i < n; i++) {
      int start = r.position();
      int opt = r.u8("canon option");
      switch (opt) {
        case 0x00, 0x01, 0x02 -> {
          if (encoding != null) {
            throw new ComponentDecodeException(start, "string encoding given twice");
          }
          encoding = StringEncoding.values()[opt];
        }
        case 0x03 -> memory = once(memory, r.u32("memory index"), start, "memory");
        case 0x04 -> realloc = once(realloc, r.u32("realloc function index"), start, "realloc");
        case 0x05 ->
            postReturn =
                once(postReturn, r.u32("post-return function index"), start, "post-return");
        case 0x06 -> async = true;
        case 0x07 -> callback = once(callback, r.u32("callback function index"), start, "callback");
        case 0x08 -> {
          r.u32("core type index");
          throw new ComponentDecodeException(
              start, "the core-type canon option (GC ABI) is not supported");
        }
        case 0x09 ->
            throw new ComponentDecodeException(start, "the gc canon option is not supported");
        default ->
            throw new ComponentDecodeException(
                start, String.format("unknown canon option 0x%02x", opt));
      }
    }
    return new CanonOptions(
        encoding == null ? StringEncoding.UTF8 : encoding,
        memory,
        realloc,
        postReturn,
        async,
        callback);
  }

  private static OptionalInt once(OptionalInt previous, int value, int offset, String what)
      throws ComponentDecodeException {
    if (previous.isPresent()) {
      throw new ComponentDecodeException(offset, "canon option " + what + " given twice");
    }
    return OptionalInt.of(value);
  }

  private static Definition start(ByteReader r) throws ComponentDecodeException {
    int func = r.u32("start function index");
    List<Integer> args = vec(r, "start argument", x -> x.u32("value index"));
    return new Definition.Start(func, args, r.u32("start result count"));
  }

  private Definition export(ByteReader r) throws ComponentDecodeException {
    ExternName name = externName(r);
    SortIndex target = sortIndex(r);
    int start = r.position();
    int present = r.u8("export type presence flag");
    Optional<ExternDesc> ascribed =
        switch (present) {
          case 0 -> Optional.empty();
          case 1 -> Optional.of(externDesc(r));
          default ->
              throw new ComponentDecodeException(
                  start, "invalid export type presence flag " + present);
        };
    return new Definition.Export(name, target, ascribed);
  }
}
