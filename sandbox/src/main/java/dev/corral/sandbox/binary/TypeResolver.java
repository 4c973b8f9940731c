package dev.corral.sandbox.binary;

import dev.corral.sandbox.types.BorrowType;
import dev.corral.sandbox.types.Case;
import dev.corral.sandbox.types.EnumType;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FlagsType;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.OwnType;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.TupleType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves decoded value and function type definitions into {@link ValType}s and {@link FuncType}s.
 * What a type index refers to depends on where the definition is read, so the caller supplies the
 * lookups, and the exception to throw for a definition Corral rejects.
 *
 * @param valTypes the value type at a type index; throws if that entry is not a value type
 * @param resourceTypes the resource type at a type index; throws if that entry is not a resource
 * @param error makes the exception for a definition that is not a supported value type
 * @param <E> the exception a failed lookup or a rejected definition throws
 */
public record TypeResolver<E extends Exception>(
    IndexLookup<ValType, E> valTypes,
    IndexLookup<ResourceType, E> resourceTypes,
    Function<String, E> error) {

  /** Looks up the entry at one index of the type index space. */
  @FunctionalInterface
  public interface IndexLookup<T, E extends Exception> {
    T at(int index) throws E;
  }

  /** The function type {@code f} defines; async function types are rejected. */
  public FuncType funcType(TypeDef.Func f) throws E {
    if (f.async()) {
      throw error.apply("async function types (component-model async) are not supported");
    }
    List<Field> params = new ArrayList<>();
    for (TypeDef.Labelled p : f.params()) {
      params.add(new Field(p.label(), valType(p.type())));
    }
    return new FuncType(params, optionalValType(f.result()));
  }

  /** The value type {@code def} defines; throws for any definition that is not a value type. */
  public ValType valType(TypeDef def) throws E {
    return switch (def) {
      case TypeDef.Prim p -> p.primitive();
      case TypeDef.Record r -> {
        List<Field> fields = new ArrayList<>();
        for (TypeDef.Labelled f : r.fields()) {
          fields.add(new Field(f.label(), valType(f.type())));
        }
        yield new RecordType(fields);
      }
      case TypeDef.Variant v -> {
        List<Case> cases = new ArrayList<>();
        for (TypeDef.CaseDef c : v.cases()) {
          cases.add(new Case(c.label(), optionalValType(c.type())));
        }
        yield new VariantType(cases);
      }
      case TypeDef.ListOf l -> new ListType(valType(l.element()), l.fixedLength());
      case TypeDef.Tuple t -> {
        List<ValType> types = new ArrayList<>();
        for (TypeRef r : t.types()) {
          types.add(valType(r));
        }
        yield new TupleType(types);
      }
      case TypeDef.Flags f -> new FlagsType(f.names());
      case TypeDef.Enum e -> new EnumType(e.cases());
      case TypeDef.Option o -> new OptionType(valType(o.some()));
      case TypeDef.Result r -> new ResultType(optionalValType(r.ok()), optionalValType(r.err()));
      case TypeDef.Own o -> new OwnType(resourceTypes.at(o.resourceIndex()));
      case TypeDef.Borrow b -> new BorrowType(resourceTypes.at(b.resourceIndex()));
      case TypeDef.Unsupported u ->
          throw error.apply(
              "type "
                  + u.description()
                  + " belongs to component-model async or a gated feature, which Corral does not support");
      default -> throw error.apply("not a value type: " + def.getClass().getSimpleName());
    };
  }

  /** The value type {@code ref} names: a primitive, or the value type at a type index. */
  public ValType valType(TypeRef ref) throws E {
    return switch (ref) {
      case TypeRef.Prim p -> p.primitive();
      case TypeRef.Index i -> valTypes.at(i.index());
    };
  }

  private Optional<ValType> optionalValType(Optional<TypeRef> ref) throws E {
    return ref.isPresent() ? Optional.of(valType(ref.get())) : Optional.empty();
  }
}
