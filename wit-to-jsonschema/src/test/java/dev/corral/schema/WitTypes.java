package dev.corral.schema;

import dev.corral.sandbox.types.Case;
import dev.corral.sandbox.types.EnumType;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FlagsType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.TupleType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every kind of WIT type, including nested shapes, by name: the cases of the golden tests. */
public final class WitTypes {
  private WitTypes() {}

  public static final RecordType POINT =
      record(field("x", Primitive.S32), field("y", Primitive.S32));
  public static final VariantType SHAPE =
      new VariantType(
          List.of(
              new Case(
                  "circle",
                  Optional.of(record(field("center", POINT), field("radius", Primitive.F64)))),
              new Case("polygon", Optional.of(new ListType(POINT))),
              new Case("empty", Optional.empty())));
  public static final FlagsType PERMISSIONS = new FlagsType(List.of("read", "write", "exec"));
  public static final EnumType COLOR = new EnumType(List.of("red", "green", "blue"));

  public static Map<String, ValType> all() {
    Map<String, ValType> types = new LinkedHashMap<>();
    for (Primitive p : Primitive.values()) {
      types.put(p.witName(), p);
    }
    types.put("list-u32", new ListType(Primitive.U32));
    types.put("list-u8", new ListType(Primitive.U8));
    types.put("list-u8-fixed", new ListType(Primitive.U8, 4));
    types.put("list-string-fixed", new ListType(Primitive.STRING, 2));
    types.put("tuple", new TupleType(List.of(Primitive.STRING, Primitive.U64, Primitive.CHAR)));
    types.put("record", POINT);
    types.put("variant", SHAPE);
    types.put("enum", COLOR);
    types.put("option", new OptionType(Primitive.U32));
    types.put("option-option", new OptionType(new OptionType(Primitive.STRING)));
    types.put("result", new ResultType(Optional.of(Primitive.STRING), Optional.of(COLOR)));
    types.put("result-ok-only", new ResultType(Optional.of(Primitive.U8), Optional.empty()));
    types.put("result-err-only", new ResultType(Optional.empty(), Optional.of(Primitive.STRING)));
    types.put("result-bare", new ResultType(Optional.empty(), Optional.empty()));
    types.put("flags", PERMISSIONS);
    types.put("nested", nested());
    types.put("deep", deep(6));
    return types;
  }

  /** A record holding lists of options of results of tuples, variants and flags. */
  public static RecordType nested() {
    return record(
        field("name", Primitive.STRING),
        field("shapes", new ListType(SHAPE)),
        field("tags", new OptionType(new ListType(Primitive.STRING))),
        field(
            "outcome",
            new ResultType(
                Optional.of(new TupleType(List.of(POINT, PERMISSIONS))),
                Optional.of(
                    new VariantType(
                        List.of(
                            new Case("not-found", Optional.empty()),
                            new Case("denied", Optional.of(PERMISSIONS))))))),
        field("history", new ListType(new OptionType(new OptionType(COLOR)))),
        field("blob", new ListType(Primitive.U8)));
  }

  /**
   * A tree-like shape unrolled {@code depth} times (WIT has no recursive types, so recursive data
   * is written as nesting of bounded depth).
   */
  public static ValType deep(int depth) {
    ValType node = Primitive.S64;
    for (int i = 0; i < depth; i++) {
      node =
          record(
              field("value", Primitive.U32),
              field("children", new ListType(node)),
              field("parent", new OptionType(node)));
    }
    return node;
  }

  public static RecordType record(Field... fields) {
    return new RecordType(List.of(fields));
  }

  public static Field field(String name, ValType type) {
    return new Field(name, type);
  }
}
