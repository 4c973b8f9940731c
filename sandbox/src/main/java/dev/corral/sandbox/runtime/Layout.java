package dev.corral.sandbox.runtime;

import dev.corral.sandbox.types.BorrowType;
import dev.corral.sandbox.types.Case;
import dev.corral.sandbox.types.EnumType;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FlagsType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.OwnType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.TupleType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The canonical ABI's memory layout and flattening of value types: alignment, size in linear
 * memory, and the list of core values a type flattens to.
 */
final class Layout {
  private Layout() {}

  /** Options, results and enums are variants in the ABI; this returns the variant's cases. */
  static List<Case> cases(ValType type) {
    return switch (type) {
      case VariantType v -> v.cases();
      case OptionType o ->
          List.of(new Case("none", Optional.empty()), new Case("some", Optional.of(o.some())));
      case ResultType r -> List.of(new Case("ok", r.ok()), new Case("error", r.err()));
      case EnumType e -> new EnumCases(e.cases());
      default -> throw new IllegalArgumentException(type + " is not a variant");
    };
  }

  /**
   * An enum's cases as payload-less variant cases, made on access (enums such as WASI's error-code
   * are long).
   */
  private static final class EnumCases extends AbstractList<Case> {
    private final List<String> names;

    EnumCases(List<String> names) {
      this.names = names;
    }

    @Override
    public Case get(int index) {
      return new Case(names.get(index), Optional.empty());
    }

    @Override
    public int size() {
      return names.size();
    }
  }

  static boolean isVariantLike(ValType type) {
    return type instanceof VariantType
        || type instanceof OptionType
        || type instanceof ResultType
        || type instanceof EnumType;
  }

  static List<ValType> fieldTypes(ValType type) {
    return switch (type) {
      case RecordType r -> r.fields().stream().map(Field::type).toList();
      case TupleType t -> t.types();
      default -> throw new IllegalArgumentException(type + " is not a record or tuple");
    };
  }

  static int alignment(ValType type) {
    return switch (type) {
      case Primitive p ->
          switch (p) {
            case BOOL, S8, U8 -> 1;
            case S16, U16 -> 2;
            case S32, U32, F32, CHAR, STRING -> 4;
            case S64, U64, F64 -> 8;
          };
      case ListType l -> l.isFixed() ? alignment(l.element()) : 4;
      case RecordType r -> alignmentOf(fieldTypes(r));
      case TupleType t -> alignmentOf(t.types());
      case FlagsType f -> flagsSize(f.names().size()) >= 4 ? 4 : flagsSize(f.names().size());
      case OwnType o -> 4;
      case BorrowType b -> 4;
      case VariantType v -> variantAlignment(cases(v));
      case OptionType o -> variantAlignment(cases(o));
      case ResultType r -> variantAlignment(cases(r));
      case EnumType e -> discriminantSize(e.cases().size()); // no payloads: the discriminant alone
    };
  }

  private static int alignmentOf(List<ValType> types) {
    int a = 1;
    for (ValType t : types) {
      a = Math.max(a, alignment(t));
    }
    return a;
  }

  private static int variantAlignment(List<Case> cases) {
    return Math.max(discriminantSize(cases.size()), maxCaseAlignment(cases));
  }

  static int maxCaseAlignment(List<Case> cases) {
    int a = 1;
    for (Case c : cases) {
      if (c.type().isPresent()) {
        a = Math.max(a, alignment(c.type().get()));
      }
    }
    return a;
  }

  /** The byte size of a variant's discriminant: 1, 2 or 4. */
  static int discriminantSize(int caseCount) {
    if (caseCount <= 0x100) {
      return 1;
    }
    if (caseCount <= 0x10000) {
      return 2;
    }
    return 4;
  }

  static int flagsSize(int count) {
    if (count <= 8) {
      return 1;
    }
    if (count <= 16) {
      return 2;
    }
    return 4 * ((count + 31) / 32);
  }

  static long alignTo(long ptr, int alignment) {
    return (ptr + alignment - 1) / alignment * alignment;
  }

  static int size(ValType type) {
    return switch (type) {
      case Primitive p ->
          switch (p) {
            case BOOL, S8, U8 -> 1;
            case S16, U16 -> 2;
            case S32, U32, F32, CHAR -> 4;
            case S64, U64, F64, STRING -> 8;
          };
      case ListType l -> l.isFixed() ? Math.multiplyExact(size(l.element()), l.fixedLength()) : 8;
      case RecordType r -> recordSize(fieldTypes(r));
      case TupleType t -> recordSize(t.types());
      case FlagsType f -> flagsSize(f.names().size());
      case OwnType o -> 4;
      case BorrowType b -> 4;
      case VariantType v -> variantSize(cases(v));
      case OptionType o -> variantSize(cases(o));
      case ResultType r -> variantSize(cases(r));
      case EnumType e -> discriminantSize(e.cases().size());
    };
  }

  private static int recordSize(List<ValType> types) {
    long s = 0;
    for (ValType t : types) {
      s = alignTo(s, alignment(t));
      s += size(t);
    }
    return Math.toIntExact(alignTo(s, alignmentOf(types)));
  }

  private static int variantSize(List<Case> cases) {
    long s = discriminantSize(cases.size());
    s = alignTo(s, maxCaseAlignment(cases));
    int maxCaseSize = 0;
    for (Case c : cases) {
      if (c.type().isPresent()) {
        maxCaseSize = Math.max(maxCaseSize, size(c.type().get()));
      }
    }
    s += maxCaseSize;
    return Math.toIntExact(alignTo(s, variantAlignment(cases)));
  }

  /** The core values {@code type} flattens to. */
  static List<FlatType> flatten(ValType type) {
    List<FlatType> out = new ArrayList<>();
    flattenInto(type, out);
    return out;
  }

  static List<FlatType> flatten(List<ValType> types) {
    List<FlatType> out = new ArrayList<>();
    for (ValType t : types) {
      flattenInto(t, out);
    }
    return out;
  }

  private static void flattenInto(ValType type, List<FlatType> out) {
    switch (type) {
      case Primitive p -> {
        switch (p) {
          case S64, U64 -> out.add(FlatType.I64);
          case F32 -> out.add(FlatType.F32);
          case F64 -> out.add(FlatType.F64);
          case STRING -> {
            out.add(FlatType.I32);
            out.add(FlatType.I32);
          }
          default -> out.add(FlatType.I32);
        }
      }
      case ListType l -> {
        if (l.isFixed()) {
          for (int i = 0; i < l.fixedLength(); i++) {
            flattenInto(l.element(), out);
          }
        } else {
          out.add(FlatType.I32);
          out.add(FlatType.I32);
        }
      }
      case RecordType r -> fieldTypes(r).forEach(t -> flattenInto(t, out));
      case TupleType t -> t.types().forEach(x -> flattenInto(x, out));
      case FlagsType f -> {
        for (int i = 0; i < (f.names().size() + 31) / 32; i++) {
          out.add(FlatType.I32);
        }
      }
      case OwnType o -> out.add(FlatType.I32);
      case BorrowType b -> out.add(FlatType.I32);
      case VariantType v -> out.addAll(flattenVariant(cases(v)));
      case OptionType o -> out.addAll(flattenVariant(cases(o)));
      case ResultType r -> out.addAll(flattenVariant(cases(r)));
      case EnumType e -> out.add(FlatType.I32);
    }
  }

  /** The discriminant followed by the join of every case's flattening. */
  static List<FlatType> flattenVariant(List<Case> cases) {
    List<FlatType> flat = new ArrayList<>();
    for (Case c : cases) {
      if (c.type().isEmpty()) {
        continue;
      }
      List<FlatType> caseFlat = flatten(c.type().get());
      for (int i = 0; i < caseFlat.size(); i++) {
        if (i < flat.size()) {
          flat.set(i, FlatType.join(flat.get(i), caseFlat.get(i)));
        } else {
          flat.add(caseFlat.get(i));
        }
      }
    }
    List<FlatType> out = new ArrayList<>(flat.size() + 1);
    out.add(FlatType.I32);
    out.addAll(flat);
    return out;
  }
}
