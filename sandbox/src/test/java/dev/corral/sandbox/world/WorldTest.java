package dev.corral.sandbox.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.runtime.CompiledComponent;
import dev.corral.sandbox.runtime.ComponentInstance;
import dev.corral.sandbox.runtime.ExportedFunction;
import dev.corral.sandbox.runtime.TestComponents;
import dev.corral.sandbox.types.BorrowType;
import dev.corral.sandbox.types.EnumType;
import dev.corral.sandbox.types.Field;
import dev.corral.sandbox.types.FlagsType;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.OwnType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.TupleType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.values.HandleValue;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.Value;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorldTest {

  @Test
  void adderExportsOneInterfaceWithVersionAndParameterNames() throws Exception {
    CompiledComponent compiled = compile("adder.component.wasm");
    World world = compiled.world();
    assertEquals(List.of(), world.imports());
    assertEquals(1, world.exports().size());
    Interface add = assertInstanceOf(Interface.class, world.exports().get(0));
    assertEquals("docs:adder/add@0.1.0", add.name());
    assertEquals(List.of(), add.types());
    assertEquals(
        List.of(
            new Function(
                "add",
                new FuncType(
                    List.of(new Field("x", Primitive.U32), new Field("y", Primitive.U32)),
                    Optional.of(Primitive.U32)))),
        add.functions());
    assertEquals(
        List.of("docs:adder/add@0.1.0#add"),
        compiled.exports().stream().map(ExportedFunction::qualifiedName).toList());
  }

  @Test
  void exportsMatchWhatAnInstanceExposesAndAreCallable() throws Exception {
    for (String name :
        List.of(
            "adder.component.wasm",
            "component-docs/calculator.composed.wasm",
            "example_guest_export.wasm",
            "asmjs_bigint.component.wasm")) {
      CompiledComponent compiled = compile(name);
      ComponentInstance instance = compiled.instantiate(Linker.empty());
      assertEquals(
          instance.functions().stream().map(ExportedFunction::qualifiedName).toList(),
          compiled.exports().stream().map(ExportedFunction::qualifiedName).toList(),
          name);
    }
    CompiledComponent adder = compile("adder.component.wasm");
    assertEquals(
        Optional.of(new IntValue(Primitive.U32, 42)),
        adder
            .instantiate(Linker.empty())
            .call(
                adder.exports().get(0),
                List.of(new IntValue(Primitive.U32, 40), new IntValue(Primitive.U32, 2))));
  }

  @Test
  void composedCalculatorNamesItsEnum() throws Exception {
    World world = compile("component-docs/calculator.composed.wasm").world();
    assertEquals(List.of(), world.imports());
    Interface calculate = world.exportedInterface("docs:calculator/calculate@0.1.0").orElseThrow();
    NamedType.Value op = assertInstanceOf(NamedType.Value.class, calculate.types().get(0));
    assertEquals("op", op.name());
    assertEquals(new EnumType(List.of("add")), op.type());
    Function eval = calculate.function("eval-expression").orElseThrow();
    assertEquals(List.of("op", "x", "y"), eval.type().params().stream().map(Field::name).toList());
    assertSame(op.type(), eval.type().params().get(0).type());
    assertEquals(Optional.of("op"), calculate.nameOf(eval.type().params().get(0).type()));
    assertEquals(
        Optional.of(new QualifiedTypeName(Optional.of("docs:calculator/calculate@0.1.0"), "op")),
        world.nameOf(op.type()));
  }

  @Test
  void exportedResourceIsNamedAndItsHandlesReferToIt() throws Exception {
    CompiledComponent compiled = compile("example_guest_export.wasm");
    Interface backend =
        compiled.world().exportedInterface("example:component/backend@0.1.0").orElseThrow();
    NamedType.Resource scalars = assertInstanceOf(NamedType.Resource.class, backend.types().get(0));
    assertEquals("scalars", scalars.name());
    assertEquals(
        List.of(
            "[constructor]scalars",
            "[static]scalars.get-a",
            "[method]scalars.get-b",
            "fetch",
            "scalar-arg"),
        backend.functions().stream().map(Function::name).toList());
    Function constructor = backend.functions().get(0);
    assertEquals(Optional.of("scalars"), constructor.resourceName());
    assertEquals("scalars", constructor.witName());
    assertEquals("get-b", backend.functions().get(2).witName());
    assertEquals(Optional.of("scalars"), backend.functions().get(2).resourceName());
    assertEquals(Optional.empty(), backend.functions().get(3).resourceName());
    OwnType own = assertInstanceOf(OwnType.class, constructor.type().result().orElseThrow());
    assertSame(scalars.type(), own.resource());
    BorrowType self =
        assertInstanceOf(
            BorrowType.class, backend.functions().get(2).type().params().get(0).type());
    assertSame(scalars.type(), self.resource());
    assertEquals(Optional.of("scalars"), backend.nameOf(own.resource()));

    // A function from the compiled world calls a fresh instance, whose resource types are its own.
    ComponentInstance instance = compiled.instantiate(Linker.empty());
    Value handle = instance.call(compiled.exports().get(0), List.of()).orElseThrow();
    HandleValue h = assertInstanceOf(HandleValue.class, handle);
    assertEquals(
        Optional.of(new IntValue(Primitive.U32, 2)),
        instance.call(
            compiled.exports().get(2), List.of(new HandleValue(h.resource(), h.rep(), false))));
  }

  @Test
  void recordsFixtureNamesFlagsAndRecordsByIdentity() throws Exception {
    World world = compile("records.component.wasm").world();
    assertEquals(
        List.of(
            "test:records/test",
            "wasi:io/error@0.2.0",
            "wasi:io/streams@0.2.0",
            "wasi:cli/stdin@0.2.0",
            "wasi:cli/stdout@0.2.0",
            "wasi:cli/stderr@0.2.0",
            "wasi:clocks/wall-clock@0.2.0",
            "wasi:filesystem/types@0.2.0",
            "wasi:filesystem/preopens@0.2.0"),
        world.imports().stream().map(WorldItem::name).toList());
    assertEquals(
        List.of("test-imports", "test:records/test"),
        world.exports().stream().map(WorldItem::name).toList());
    assertInstanceOf(Function.class, world.exports().get(0));

    for (Interface test :
        List.of(
            world.importedInterface("test:records/test").orElseThrow(),
            world.exportedInterface("test:records/test").orElseThrow())) {
      assertEquals(
          List.of("f1", "f2", "flag8", "flag16", "flag32", "r1"),
          test.types().stream().map(NamedType::name).toList());
      ValType f1 = ((NamedType.Value) test.type("f1").orElseThrow()).type();
      assertEquals(new FlagsType(List.of("a", "b")), f1);
      RecordType r1 =
          assertInstanceOf(
              RecordType.class, ((NamedType.Value) test.type("r1").orElseThrow()).type());
      assertSame(f1, r1.fields().get(1).type(), "r1.b refers to the named flags f1");
      FuncType roundtrip = test.function("roundtrip-record1").orElseThrow().type();
      assertSame(r1, roundtrip.params().get(0).type());
      assertSame(r1, roundtrip.result().orElseThrow());
      assertEquals(Optional.of("r1"), test.nameOf(roundtrip.params().get(0).type()));
      TupleType flags3 =
          assertInstanceOf(
              TupleType.class,
              test.function("roundtrip-flags3").orElseThrow().type().result().orElseThrow());
      assertEquals(
          List.of(Optional.of("flag8"), Optional.of("flag16"), Optional.of("flag32")),
          flags3.types().stream().map(test::nameOf).toList());
      assertEquals(Optional.empty(), test.nameOf(flags3), "anonymous tuples have no name");
    }
    // The imported and exported interfaces define distinct types of the same shape.
    ValType imported =
        ((NamedType.Value)
                world.importedInterface("test:records/test").orElseThrow().type("r1").orElseThrow())
            .type();
    ValType exported =
        ((NamedType.Value)
                world.exportedInterface("test:records/test").orElseThrow().type("r1").orElseThrow())
            .type();
    assertEquals(imported, exported);
    assertNotSame(imported, exported);
  }

  @Test
  void flavorfulKeepsAliasesAndUsesAcrossInterfaces() throws Exception {
    World world = compile("flavorful.component.wasm").world();
    Interface test = world.exportedInterface("test:flavorful/test").orElseThrow();
    NamedType alias = test.type("list-in-alias").orElseThrow();
    assertEquals(
        Optional.of(new QualifiedTypeName(Optional.of("test:flavorful/test"), "list-in-record4")),
        alias.aliasOf());
    assertEquals(Optional.empty(), test.type("list-in-record4").orElseThrow().aliasOf());
    NamedType.Value errno = (NamedType.Value) test.type("my-errno").orElseThrow();
    assertEquals(new EnumType(List.of("success", "a", "b")), errno.type());

    // wasi:io/streams uses wasi:io/error's resource: the same type, named there first.
    Interface streams = world.importedInterface("wasi:io/streams@0.2.0").orElseThrow();
    NamedType.Resource error = (NamedType.Resource) streams.type("error").orElseThrow();
    assertEquals(
        Optional.of(new QualifiedTypeName(Optional.of("wasi:io/error@0.2.0"), "error")),
        error.aliasOf());
    assertSame(
        ((NamedType.Resource)
                world
                    .importedInterface("wasi:io/error@0.2.0")
                    .orElseThrow()
                    .type("error")
                    .orElseThrow())
            .type(),
        error.type());
    // Primitive aliases are listed but never found at use sites.
    Interface types = world.importedInterface("wasi:filesystem/types@0.2.0").orElseThrow();
    assertEquals(
        new NamedType.Value("filesize", Primitive.U64, Optional.empty()),
        types.type("filesize").orElseThrow());
    assertEquals(Optional.empty(), types.nameOf(Primitive.U64));
  }

  @Test
  void worldLevelResourceAndFunctionImports() throws Exception {
    World world = compile("resource-borrow-simple.component.wasm").world();
    assertEquals(
        List.of("r", "test", "[constructor]r"),
        world.imports().stream().map(WorldItem::name).toList());
    NamedType.Resource r = assertInstanceOf(NamedType.Resource.class, world.imports().get(0));
    Function test = assertInstanceOf(Function.class, world.imports().get(1));
    BorrowType borrowed = assertInstanceOf(BorrowType.class, test.type().params().get(0).type());
    assertSame(r.type(), borrowed.resource());
    assertEquals(Optional.of(new QualifiedTypeName(Optional.empty(), "r")), world.nameOf(r.type()));
    Function constructor = assertInstanceOf(Function.class, world.imports().get(2));
    assertEquals(Optional.of("r"), constructor.resourceName());
    assertEquals(List.of("test-imports"), world.exports().stream().map(WorldItem::name).toList());
  }

  @Test
  void asyncComponentsAreRejectedWhenCompiled() throws Exception {
    // post-return.wast's component 3 uses backpressure.inc, a component-model async built-in.
    byte[] bytes;
    try (java.io.InputStream in = WorldTest.class.getResourceAsStream("/wast/post-return.3.wasm")) {
      bytes = in.readAllBytes();
    }
    dev.corral.sandbox.error.LinkException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.corral.sandbox.error.LinkException.class, () -> CompiledComponent.compile(bytes));
    assertEquals(
        "invalid or unsupported component: definition 0 (canon): canon backpressure.inc belongs to"
            + " component-model async or threads, which Corral does not support",
        e.getMessage());
  }

  private static CompiledComponent compile(String name) throws Exception {
    return TestComponents.compile(name);
  }
}
