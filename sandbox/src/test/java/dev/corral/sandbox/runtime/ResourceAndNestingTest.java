package dev.corral.sandbox.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.types.BorrowType;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.OwnType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.values.EnumValue;
import dev.corral.sandbox.values.HandleValue;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResourceAndNestingTest {

  @Test
  void exportedResourceConstructorStaticMethodAndBorrow() throws Exception {
    ComponentInstance instance =
        TestComponents.compile("example_guest_export.wasm").instantiate(Linker.empty());
    String iface = "example:component/backend@0.1.0#";
    ExportedFunction constructor = instance.function(iface + "[constructor]scalars").orElseThrow();
    ExportedFunction getA = instance.function(iface + "[static]scalars.get-a").orElseThrow();
    ExportedFunction getB = instance.function(iface + "[method]scalars.get-b").orElseThrow();
    ExportedFunction scalarArg = instance.function(iface + "scalar-arg").orElseThrow();

    Value scalars = instance.call(constructor, List.of()).orElseThrow();
    HandleValue handle = assertInstanceOf(HandleValue.class, scalars);
    assertTrue(handle.owned());
    assertEquals(new OwnType(handle.resource()), constructor.type().result().orElseThrow());
    assertEquals(new BorrowType(handle.resource()), getB.type().params().get(0).type());

    assertEquals(Optional.of(new IntValue(Primitive.U32, 5)), instance.call(getA, List.of()));
    HandleValue borrowed = new HandleValue(handle.resource(), handle.rep(), false);
    assertEquals(
        Optional.of(new IntValue(Primitive.U32, 2)), instance.call(getB, List.of(borrowed)));
    assertEquals(
        Optional.of(new IntValue(Primitive.U32, 7)), instance.call(scalarArg, List.of(borrowed)));
  }

  @Test
  void composedCalculatorRunsThroughNestedComponents() throws Exception {
    ComponentInstance instance =
        TestComponents.compile("component-docs/calculator.composed.wasm")
            .instantiate(Linker.empty());
    ExportedFunction eval = instance.functions().get(0);
    assertEquals(Optional.of("docs:calculator/calculate@0.1.0"), eval.interfaceName());
    assertEquals("eval-expression", eval.name());
    assertEquals(List.of("op", "x", "y"), eval.type().params().stream().map(Field::name).toList());
    assertEquals(
        Optional.of(new IntValue(Primitive.U32, 42)),
        instance.call(
            eval,
            List.of(
                new EnumValue(0),
                new IntValue(Primitive.U32, 40),
                new IntValue(Primitive.U32, 2))));
  }

  @Test
  void worldLevelResourceImportIsConstructedAndBorrowedByTheHost() throws Exception {
    List<String> events = new ArrayList<>();
    AtomicInteger nextRep = new AtomicInteger(100);
    Linker.Builder builder = Linker.builder();
    ResourceType r = builder.resource("r", rep -> events.add("drop " + rep));
    builder.function(
        "[constructor]r",
        new FuncType(List.of(), Optional.of(new OwnType(r))),
        args -> {
          int rep = nextRep.getAndIncrement();
          events.add("new " + rep);
          return Optional.of(new HandleValue(r, rep, true));
        });
    builder.function(
        "test",
        new FuncType(List.of(new Field("r", new BorrowType(r))), Optional.empty()),
        args -> {
          HandleValue h = (HandleValue) args.get(0);
          events.add("test " + h.rep() + (h.owned() ? " owned" : " borrowed"));
          return Optional.empty();
        });
    ComponentInstance instance =
        TestComponents.compile("resource-borrow-simple.component.wasm")
            .instantiate(builder.build());
    instance.call(instance.function("test-imports").orElseThrow(), List.of());
    assertEquals(List.of("new 100", "test 100 borrowed", "drop 100"), events);
  }

  @Test
  void missingHostImportNamesTheImport() throws Exception {
    LinkException e =
        assertThrows(
            LinkException.class,
            () ->
                TestComponents.compile("resource-borrow-simple.component.wasm")
                    .instantiate(Linker.empty()));
    assertEquals(
        "in component 'root', definition 0 (import 'r'): missing import: the host does not provide resource type 'r'",
        e.getMessage());
  }
}
