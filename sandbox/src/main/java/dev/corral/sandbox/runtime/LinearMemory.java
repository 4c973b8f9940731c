package dev.corral.sandbox.runtime;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A non-shared linear memory in one flat byte array, under the maximum {@link InstanceLimits}
 * allows.
 *
 * <p>Every access is one bounds check against the current size and one array access, which is what
 * makes compiled guest code fast (Chicory's {@code ByteArrayMemory} splits memory into 64 KiB
 * pages, costing a page lookup per access). The array starts as large as the module's previous
 * instance grew ({@link MemorySizeHint}), and its capacity grows geometrically, capped at the
 * maximum, so a guest growing its memory page by page copies it O(log n) times; the bytes between
 * the size and the capacity stay zero and are never reachable. It also remembers when a {@code
 * memory.grow} failed only because the maximum was lowered, so that a trap that follows can be
 * reported as the memory limit.
 *
 * <p>Not thread-safe: a component instance runs one call at a time on one thread.
 */
final class LinearMemory implements Memory {
  private static final VarHandle SHORTS = view(short[].class);
  private static final VarHandle INTS = view(int[].class);
  private static final VarHandle LONGS = view(long[].class);
  private static final VarHandle FLOATS = view(float[].class);
  private static final VarHandle DOUBLES = view(double[].class);

  private final int initialPages;
  private final int maximumPages;
  private final int declaredMaximum;
  private final MemorySizeHint sizeHint;
  private byte[] bytes;
  private int size;
  private DataSegment[] dataSegments = new DataSegment[0];
  private boolean zeroedByAllocation = true;
  private volatile boolean limitHit;

  /**
   * @param limits the module's limits with the maximum already lowered to Corral's cap
   * @param declaredMaximum the maximum the module declared (pages), to tell a refusal by the cap
   * @param sizeHint how large the module's previous instance grew: the array starts that large
   */
  LinearMemory(MemoryLimits limits, int declaredMaximum, MemorySizeHint sizeHint) {
    if (limits.shared()) {
      throw new IllegalArgumentException("a shared memory needs a thread-safe implementation");
    }
    this.initialPages = limits.initialPages();
    this.maximumPages = Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
    this.declaredMaximum = declaredMaximum;
    this.sizeHint = sizeHint;
    this.size = PAGE_SIZE * initialPages;
    int capacityPages = Math.max(initialPages, Math.min(sizeHint.take(), maximumPages));
    this.bytes = new byte[PAGE_SIZE * capacityPages];
  }

  /** A memory with no history. */
  LinearMemory(MemoryLimits limits, int declaredMaximum) {
    this(limits, declaredMaximum, new MemorySizeHint());
  }

  private static VarHandle view(Class<?> arrayType) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.LITTLE_ENDIAN);
  }

  /** The pages the array can hold before it must be copied into a larger one. */
  int capacityPages() {
    return bytes.length / PAGE_SIZE;
  }

  /** Whether a grow was refused that the module's own maximum would have allowed. */
  boolean limitHit() {
    return limitHit;
  }

  @Override
  public int pages() {
    return size / PAGE_SIZE;
  }

  @Override
  public int initialPages() {
    return initialPages;
  }

  @Override
  public int maximumPages() {
    return maximumPages;
  }

  @Override
  public boolean shared() {
    return false;
  }

  @Override
  public int grow(int delta) {
    int before = pages();
    long after = (long) before + delta;
    if (delta < 0 || after > maximumPages) {
      if (delta > 0 && after <= declaredMaximum) {
        limitHit = true;
      }
      return -1;
    }
    int newSize = (int) after * PAGE_SIZE;
    if (newSize > bytes.length) {
      long doubled = Math.max(2L * bytes.length, newSize);
      bytes = Arrays.copyOf(bytes, (int) Math.min(doubled, (long) maximumPages * PAGE_SIZE));
    }
    size = newSize;
    sizeHint.grewTo((int) after);
    return before;
  }

  // --- bounds ---

  /** Checks that {@code [addr, addr + length)} lies inside the memory, as an unsigned range. */
  private void check(int addr, int length) {
    if (addr < 0 || length < 0 || addr > size - length) {
      throw outOfBounds(addr, length);
    }
  }

  private WasmRuntimeException outOfBounds(int addr, int length) {
    return new WasmRuntimeException(
        "out of bounds memory access: attempted to access address: "
            + Integer.toUnsignedString(addr)
            + " but limit is: "
            + size
            + " and size: "
            + length);
  }

  // --- loads and stores ---

  @Override
  public byte read(int addr) {
    check(addr, 1);
    return bytes[addr];
  }

  @Override
  public void writeByte(int addr, byte data) {
    check(addr, 1);
    bytes[addr] = data;
  }

  @Override
  public short readShort(int addr) {
    check(addr, 2);
    return (short) SHORTS.get(bytes, addr);
  }

  @Override
  public long readU16(int addr) {
    return readShort(addr) & 0xFFFFL;
  }

  @Override
  public void writeShort(int addr, short data) {
    check(addr, 2);
    SHORTS.set(bytes, addr, data);
  }

  @Override
  public int readInt(int addr) {
    check(addr, 4);
    return (int) INTS.get(bytes, addr);
  }

  @Override
  public void writeI32(int addr, int data) {
    check(addr, 4);
    INTS.set(bytes, addr, data);
  }

  @Override
  public long readLong(int addr) {
    check(addr, 8);
    return (long) LONGS.get(bytes, addr);
  }

  @Override
  public void writeLong(int addr, long data) {
    check(addr, 8);
    LONGS.set(bytes, addr, data);
  }

  @Override
  public float readFloat(int addr) {
    check(addr, 4);
    return (float) FLOATS.get(bytes, addr);
  }

  @Override
  public long readF32(int addr) {
    return readInt(addr);
  }

  @Override
  public void writeF32(int addr, float data) {
    check(addr, 4);
    FLOATS.set(bytes, addr, data);
  }

  @Override
  public double readDouble(int addr) {
    check(addr, 8);
    return (double) DOUBLES.get(bytes, addr);
  }

  @Override
  public long readF64(int addr) {
    return readLong(addr);
  }

  @Override
  public void writeF64(int addr, double data) {
    check(addr, 8);
    DOUBLES.set(bytes, addr, data);
  }

  // --- bulk operations ---

  @Override
  public byte[] readBytes(int addr, int length) {
    check(addr, length);
    return Arrays.copyOfRange(bytes, addr, addr + length);
  }

  @Override
  public void write(int addr, byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset > data.length - length) {
      throw new WasmRuntimeException(
          "out of bounds memory access: source range "
              + offset
              + "+"
              + length
              + " outside an array of "
              + data.length
              + " bytes");
    }
    check(addr, length);
    System.arraycopy(data, offset, bytes, addr, length);
  }

  @Override
  public void fill(byte value, int fromIndex, int toIndex) {
    check(fromIndex, toIndex - fromIndex);
    Arrays.fill(bytes, fromIndex, toIndex, value);
  }

  @Override
  public void copy(int dest, int src, int length) {
    check(dest, length);
    check(src, length);
    System.arraycopy(bytes, src, bytes, dest, length);
  }

  /**
   * Zeroes the memory, except the first time: Chicory zeroes each memory when it initialises the
   * instance, and a memory that was just allocated is all zeros already.
   */
  @Override
  public void zero() {
    if (zeroedByAllocation) {
      zeroedByAllocation = false;
      return;
    }
    Arrays.fill(bytes, 0, size, (byte) 0);
  }

  // --- data segments ---

  @Override
  public void initialize(Instance instance, DataSegment[] segments) {
    initialize(instance, segments, 0);
  }

  @Override
  public void initialize(Instance instance, DataSegment[] segments, int memoryIndex) {
    if (segments == null) {
      return;
    }
    this.dataSegments = segments;
    for (DataSegment segment : segments) {
      if (segment instanceof ActiveDataSegment active && active.index() == memoryIndex) {
        int offset =
            (int) ConstantEvaluators.computeConstantValue(instance, active.offsetInstructions())[0];
        byte[] data = active.data();
        if (offset < 0 || offset > size - data.length) {
          throw new UninstantiableException(
              "out of bounds memory access: data segment of "
                  + data.length
                  + " bytes at "
                  + Integer.toUnsignedString(offset)
                  + " does not fit a memory of "
                  + size
                  + " bytes");
        }
        System.arraycopy(data, 0, bytes, offset, data.length);
      }
    }
  }

  @Override
  public void initPassiveSegment(int segmentId, int dest, int offset, int length) {
    write(dest, dataSegments[segmentId].data(), offset, length);
  }

  @Override
  public void drop(int segment) {
    dataSegments[segment] = PassiveDataSegment.EMPTY;
  }

  // --- threads: atomics on a non-shared memory are plain accesses; waiting is never possible ---

  @Override
  public Object lock(int address) {
    return this;
  }

  @Override
  public int waitOn(int address, int expected, long timeout) {
    throw new WasmRuntimeException("expected shared memory");
  }

  @Override
  public int waitOn(int address, long expected, long timeout) {
    throw new WasmRuntimeException("expected shared memory");
  }

  @Override
  public int notify(int address, int maxThreads) {
    check(address, 4);
    return 0;
  }
}
