package dev.corral.sandbox.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.corral.sandbox.error.LinkException;
import dev.corral.sandbox.host.Linker;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class LinearMemoryTest {
  private static final int PAGE = Memory.PAGE_SIZE;

  private static LinearMemory memory(int initial, int maximum) {
    return new LinearMemory(new MemoryLimits(initial, maximum), maximum);
  }

  @Test
  void everyAccessWidthReachesTheLastByteAndTrapsOnePast() {
    LinearMemory m = memory(1, 1);
    m.writeByte(PAGE - 1, (byte) 0x7f);
    m.writeShort(PAGE - 2, (short) 0x1234);
    m.writeI32(PAGE - 4, 0xcafebabe);
    m.writeLong(PAGE - 8, 0x0102030405060708L);
    assertEquals(0x0102030405060708L, m.readLong(PAGE - 8));
    assertEquals(0x01020304, m.readInt(PAGE - 4));
    assertEquals((short) 0x0102, m.readShort(PAGE - 2));
    assertEquals(0x0102, m.readU16(PAGE - 2));
    assertEquals((byte) 0x01, m.read(PAGE - 1));
    m.writeF32(PAGE - 4, 1.5f);
    assertEquals(1.5f, m.readFloat(PAGE - 4));
    m.writeF64(PAGE - 8, -2.25);
    assertEquals(-2.25, m.readDouble(PAGE - 8));

    assertOutOfBounds(a -> m.read(a), PAGE, 1);
    assertOutOfBounds(a -> m.readShort(a), PAGE - 1, 2);
    assertOutOfBounds(a -> m.readInt(a), PAGE - 3, 4);
    assertOutOfBounds(a -> m.readLong(a), PAGE - 7, 8);
    assertOutOfBounds(a -> m.readFloat(a), PAGE - 3, 4);
    assertOutOfBounds(a -> m.readDouble(a), PAGE - 7, 8);
    assertOutOfBounds(a -> m.writeByte(a, (byte) 1), PAGE, 1);
    assertOutOfBounds(a -> m.writeShort(a, (short) 1), PAGE - 1, 2);
    assertOutOfBounds(a -> m.writeI32(a, 1), PAGE - 3, 4);
    assertOutOfBounds(a -> m.writeLong(a, 1), PAGE - 7, 8);
    assertOutOfBounds(a -> m.writeF32(a, 1), PAGE - 3, 4);
    assertOutOfBounds(a -> m.writeF64(a, 1), PAGE - 7, 8);
    // An address at or above 2 GiB reaches the memory as a negative int.
    assertOutOfBounds(a -> m.readInt(a), 0x80000000, 4);
    assertOutOfBounds(a -> m.readInt(a), -4, 4);
  }

  private static void assertOutOfBounds(IntConsumer access, int addr, int width) {
    WasmRuntimeException e = assertThrows(WasmRuntimeException.class, () -> access.accept(addr));
    assertEquals(
        "out of bounds memory access: attempted to access address: "
            + Integer.toUnsignedString(addr)
            + " but limit is: "
            + PAGE
            + " and size: "
            + width,
        e.getMessage());
  }

  @Test
  void growKeepsTheContentsZeroesTheNewPagesAndMovesTheLimit() {
    LinearMemory m = memory(1, 10);
    m.writeI32(PAGE - 4, 42);
    assertThrows(WasmRuntimeException.class, () -> m.readInt(PAGE));
    for (int pages = 1; pages < 10; pages++) {
      assertEquals(pages, m.grow(1));
    }
    assertEquals(10, m.pages());
    assertEquals(42, m.readInt(PAGE - 4));
    for (int addr = PAGE; addr < 10 * PAGE; addr += 8) {
      if (m.readLong(addr) != 0) {
        throw new AssertionError("a new page is not zero at " + addr);
      }
    }
    m.writeI32(10 * PAGE - 4, 7);
    assertEquals(7, m.readInt(10 * PAGE - 4));
    assertThrows(WasmRuntimeException.class, () -> m.read(10 * PAGE));
    assertEquals(10, m.grow(0));
  }

  @Test
  void aMemoryStartsAsLargeAsThePreviousInstanceGrewAndDoublesBeyond() {
    MemorySizeHint hint = new MemorySizeHint();
    LinearMemory first = new LinearMemory(new MemoryLimits(2, 100), 100, hint);
    assertEquals(2, first.capacityPages());
    assertEquals(2, first.grow(1));
    assertEquals(4, first.capacityPages(), "doubled");
    assertEquals(3, first.grow(2));
    assertEquals(8, first.capacityPages(), "doubled again");

    LinearMemory second = new LinearMemory(new MemoryLimits(2, 100), 100, hint);
    assertEquals(5, second.capacityPages(), "as large as the first grew");
    assertEquals(2, second.pages());
    assertThrows(
        WasmRuntimeException.class, () -> second.read(2 * PAGE), "the capacity is not memory");
    assertEquals(2, second.grow(3));
    assertEquals(5, second.capacityPages(), "growing within the capacity copies nothing");

    LinearMemory third = new LinearMemory(new MemoryLimits(2, 100), 100, hint);
    assertEquals(5, third.capacityPages());
    LinearMemory fourth = new LinearMemory(new MemoryLimits(2, 100), 100, hint);
    assertEquals(
        2, fourth.capacityPages(), "the third did not grow: its initial size is the new hint");

    MemorySizeHint big = new MemorySizeHint();
    big.grewTo(1000);
    assertEquals(
        100,
        new LinearMemory(new MemoryLimits(1, 100), 100, big).capacityPages(),
        "never beyond the maximum");
  }

  @Test
  void growBeyondTheCapFailsAndTellsWhetherOnlyTheCapRefusedIt() {
    LinearMemory capped = new LinearMemory(new MemoryLimits(1, 2), 100);
    assertEquals(1, capped.grow(1));
    assertFalse(capped.limitHit());
    assertEquals(-1, capped.grow(1));
    assertTrue(capped.limitHit(), "the module's own maximum of 100 pages would have allowed it");
    assertEquals(2, capped.pages());

    LinearMemory own = memory(1, 2);
    assertEquals(-1, own.grow(2));
    assertFalse(own.limitHit(), "the module's own maximum refused it");
    assertEquals(-1, own.grow(-1));
    assertEquals(-1, own.grow(Integer.MAX_VALUE));
    assertFalse(own.limitHit());
    assertEquals(1, own.pages());
  }

  @Test
  void bulkOperationsAreBoundsCheckedAsAWhole() {
    LinearMemory m = memory(1, 1);
    m.write(10, new byte[] {1, 2, 3, 4, 5}, 1, 3);
    assertArrayEquals(new byte[] {0, 2, 3, 4, 0}, m.readBytes(9, 5));
    m.copy(11, 10, 3); // overlapping, forward
    assertArrayEquals(new byte[] {2, 2, 3, 4}, m.readBytes(10, 4));
    m.copy(10, 11, 3); // overlapping, backward
    assertArrayEquals(new byte[] {2, 3, 4, 4}, m.readBytes(10, 4));
    m.fill((byte) 9, 0, 4);
    assertArrayEquals(new byte[] {9, 9, 9, 9, 0}, m.readBytes(0, 5));

    assertThrows(WasmRuntimeException.class, () -> m.readBytes(PAGE - 2, 3));
    assertThrows(WasmRuntimeException.class, () -> m.write(PAGE - 2, new byte[3], 0, 3));
    assertThrows(WasmRuntimeException.class, () -> m.write(0, new byte[3], 2, 2));
    assertThrows(WasmRuntimeException.class, () -> m.copy(PAGE - 2, 0, 3));
    assertThrows(WasmRuntimeException.class, () -> m.copy(0, PAGE - 2, 3));
    assertThrows(WasmRuntimeException.class, () -> m.fill((byte) 1, PAGE - 2, PAGE + 1));
    assertArrayEquals(new byte[0], m.readBytes(PAGE, 0), "an empty range at the end is in bounds");
  }

  @Test
  void theFirstZeroingIsSkippedBecauseANewMemoryIsZeroAlready() {
    LinearMemory m = memory(1, 1);
    m.writeI32(0, 5);
    m.zero();
    assertEquals(5, m.readInt(0));
    m.zero();
    assertEquals(0, m.readInt(0));
  }

  @Test
  void atomicsOnANonSharedMemoryArePlainAccessesAndWaitingTraps() {
    LinearMemory m = memory(1, 1);
    assertEquals(0, m.atomicAddInt(8, 5));
    assertEquals(5, m.atomicCmpxchgInt(8, 5, 6));
    assertEquals(6, m.readInt(8));
    assertEquals(0, m.atomicNotify(8, 1));
    WasmRuntimeException e = assertThrows(WasmRuntimeException.class, () -> m.atomicWait(8, 6, 0L));
    assertEquals("expected shared memory", e.getMessage());
  }

  @Test
  void aSharedMemoryIsRefusedAtInstantiationNamingTheProposal() throws Exception {
    CompiledComponent c = TestComponents.compile("corral/shared-memory.wasm");
    LinkException e = assertThrows(LinkException.class, () -> c.instantiate(Linker.empty()));
    assertEquals(
        "in component 'root', definition 1 (core instance): core module 0: it declares a shared memory"
            + " (the threads proposal), which Corral does not support",
        e.getMessage());
  }
}
