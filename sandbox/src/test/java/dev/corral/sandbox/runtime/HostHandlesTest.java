package dev.corral.sandbox.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.host.HostFunction;
import dev.corral.sandbox.host.HostInstance;
import dev.corral.sandbox.host.Linker;
import dev.corral.sandbox.types.FuncType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.values.BoolValue;
import dev.corral.sandbox.values.HandleValue;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.Value;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handles of a guest-defined resource the host holds ({@code corral/host-handles.wasm}, from
 * src/test/wat/host-handles.wat): the host drops or passes back only handles it received, each
 * once, and a destructor the host starts is a call into the instance.
 */
class HostHandlesTest {
  private static final String NOT_HELD_OWN =
      ": no such owned handle is held outside the components"
          + " (it was dropped or passed on already, or never handed out)";

  /** What the host's {@code callback} import does when the guest calls it. */
  private final AtomicReference<HostFunction> callback =
      new AtomicReference<>(args -> Optional.empty());

  private ComponentInstance instance;
  private ResourceType r;

  @BeforeEach
  void instantiate() throws Exception {
    CompiledComponent c = TestComponents.compile("corral/host-handles.wasm");
    Linker linker =
        Linker.builder()
            .instance(
                HostInstance.builder("host")
                    .function(
                        "callback",
                        new FuncType(List.of(), Optional.empty()),
                        args -> callback.get().call(args))
                    .build())
            .build();
    instance = c.instantiate(linker);
  }

  @Test
  void eachReceivedHandleIsDroppedOnceAndASecondDropTraps() throws Exception {
    HandleValue h = make(7);
    instance.drop(h);
    assertEquals(u32(7), call("dropped"));
    ComponentTrap again = assertThrows(ComponentTrap.class, () -> instance.drop(h));
    assertEquals(
        "cannot drop own<"
            + r.name()
            + "> with rep 7: the host holds no such owned handle"
            + " (it was dropped or passed on already, or never received)",
        again.getMessage());
    assertEquals(u32(7), call("dropped"), "the destructor ran once");
    assertEquals(u32(1), call("ping"), "a refused drop leaves the instance usable");
  }

  @Test
  void aForgedOwnedHandleCannotBeDroppedOrPassedIn() throws Exception {
    make(3);
    HandleValue forged = new HandleValue(r, 42, true);
    ComponentTrap drop = assertThrows(ComponentTrap.class, () -> instance.drop(forged));
    assertEquals(
        "cannot drop own<"
            + r.name()
            + "> with rep 42: the host holds no such owned handle"
            + " (it was dropped or passed on already, or never received)",
        drop.getMessage());
    assertEquals(u32(0), call("dropped"));
    ComponentTrap pass = assertThrows(ComponentTrap.class, () -> call("consume", forged));
    assertEquals("cannot pass own<" + r.name() + "> with rep 42" + NOT_HELD_OWN, pass.getMessage());
  }

  @Test
  void anOwnedHandlePassedBackIsNoLongerTheHosts() throws Exception {
    HandleValue h = make(5);
    assertEquals(u32(5), call("rep-of", borrow(h)));
    assertEquals(null, call("consume", h));
    assertEquals(u32(5), call("dropped"), "the guest dropped its own resource: its destructor ran");
    ComponentTrap drop = assertThrows(ComponentTrap.class, () -> instance.drop(h));
    assertEquals(
        "cannot drop own<"
            + r.name()
            + "> with rep 5: the host holds no such owned handle"
            + " (it was dropped or passed on already, or never received)",
        drop.getMessage());
    ComponentTrap again = assertThrows(ComponentTrap.class, () -> call("consume", h));
    assertEquals("cannot pass own<" + r.name() + "> with rep 5" + NOT_HELD_OWN, again.getMessage());
  }

  @Test
  void aForgedBorrowCannotBePassedIn() throws Exception {
    make(9);
    ComponentTrap trap =
        assertThrows(ComponentTrap.class, () -> call("rep-of", new HandleValue(r, 10, false)));
    assertEquals(
        "cannot pass borrow<"
            + r.name()
            + "> with rep 10: no owned handle to it is held outside the"
            + " components and none was lent out",
        trap.getMessage());
  }

  @Test
  void aHostInitiatedDestructorEntersTheInstance() throws Exception {
    HandleValue h = make(4);
    call("set-reenter", new BoolValue(true));
    ExportedFunction ping = instance.function("ping").orElseThrow();
    callback.set(args -> instance.call(ping, List.of()));
    ComponentTrap trap = assertThrows(ComponentTrap.class, () -> instance.drop(h));
    assertEquals("cannot re-enter component instance 'root'", trap.getMessage());
  }

  @Test
  void theHostCannotDropWhileTheOwningInstanceIsActive() throws Exception {
    HandleValue h = make(6);
    callback.set(
        args -> {
          instance.drop(h);
          return Optional.empty();
        });
    ComponentTrap trap = assertThrows(ComponentTrap.class, () -> call("call-back"));
    assertEquals(
        "cannot run the destructor of a resource of 'root' while that instance is active",
        trap.getMessage());
  }

  private HandleValue make(int rep) throws ComponentTrap {
    HandleValue h = assertInstanceOf(HandleValue.class, call("make", u32(rep)));
    r = h.resource();
    assertEquals(rep, h.rep());
    return h;
  }

  private Value call(String name, Value... args) throws ComponentTrap {
    return instance.call(instance.function(name).orElseThrow(), List.of(args)).orElse(null);
  }

  private static HandleValue borrow(HandleValue own) {
    return new HandleValue(own.resource(), own.rep(), false);
  }

  private static Value u32(long v) {
    return new IntValue(Primitive.U32, v);
  }
}
