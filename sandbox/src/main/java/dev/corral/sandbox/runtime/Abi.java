package dev.corral.sandbox.runtime;

import com.dylibso.chicory.runtime.Memory;
import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.types.BorrowType;
import dev.corral.sandbox.types.Case;
import dev.corral.sandbox.types.FlagsType;
import dev.corral.sandbox.types.ListType;
import dev.corral.sandbox.types.OptionType;
import dev.corral.sandbox.types.OwnType;
import dev.corral.sandbox.types.Primitive;
import dev.corral.sandbox.types.RecordType;
import dev.corral.sandbox.types.ResourceType;
import dev.corral.sandbox.types.ResultType;
import dev.corral.sandbox.types.TupleType;
import dev.corral.sandbox.types.ValType;
import dev.corral.sandbox.types.VariantType;
import dev.corral.sandbox.values.BoolValue;
import dev.corral.sandbox.values.CharValue;
import dev.corral.sandbox.values.EnumValue;
import dev.corral.sandbox.values.F32Value;
import dev.corral.sandbox.values.F64Value;
import dev.corral.sandbox.values.FlagsValue;
import dev.corral.sandbox.values.HandleValue;
import dev.corral.sandbox.values.IntValue;
import dev.corral.sandbox.values.ListValue;
import dev.corral.sandbox.values.OptionValue;
import dev.corral.sandbox.values.RecordValue;
import dev.corral.sandbox.values.ResultValue;
import dev.corral.sandbox.values.StringValue;
import dev.corral.sandbox.values.TupleValue;
import dev.corral.sandbox.values.Value;
import dev.corral.sandbox.values.VariantValue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The canonical ABI for one call: lifting core values and linear memory into {@link Value}s and
 * lowering values back, following CanonicalABI.md. Every rule a guest can break is a {@link
 * ComponentTrap}; a host value that does not match its type is an {@link IllegalArgumentException}.
 */
final class Abi {
  static final int MAX_FLAT_PARAMS = 16;
  static final int MAX_FLAT_RESULTS = 1;
  private static final long MAX_STRING_BYTE_LENGTH = (1L << 31) - 1;
  private static final int UTF16_TAG = 1 << 31;
  private static final int CANONICAL_NAN32 = 0x7fc00000;
  private static final long CANONICAL_NAN64 = 0x7ff8000000000000L;

  /**
   * The 256 values of u8 and of s8 (indexed by the byte's bits): a lifted {@code list<u8>} shares
   * them instead of making one object per byte.
   */
  private static final IntValue[] U8_VALUES = new IntValue[256];

  private static final IntValue[] S8_VALUES = new IntValue[256];

  static {
    for (int i = 0; i < 256; i++) {
      U8_VALUES[i] = new IntValue(Primitive.U8, i);
      S8_VALUES[i] = new IntValue(Primitive.S8, (byte) i);
    }
  }

  private final AbiContext cx;

  /** How many lists are being loaded: their elements' bytes were charged with them. */
  private int listsBeingLoaded;

  Abi(AbiContext cx) {
    this.cx = cx;
  }

  // ---------------------------------------------------------------- memory

  private Memory memory() throws ComponentTrap {
    if (cx.memory() == null) {
      throw new ComponentTrap("the canonical option 'memory' is required to pass this value");
    }
    return cx.memory();
  }

  private void checkRange(long ptr, long length, String what) throws ComponentTrap {
    long size = (long) memory().pages() * Memory.PAGE_SIZE;
    if (ptr < 0 || length < 0 || ptr + length > size) {
      throw new ComponentTrap(
          what
              + " at "
              + ptr
              + " of "
              + length
              + " bytes is outside linear memory ("
              + size
              + " bytes)");
    }
  }

  private static void checkAligned(long ptr, int alignment, String what) throws ComponentTrap {
    if (ptr % alignment != 0) {
      throw new ComponentTrap(what + " pointer " + ptr + " is not " + alignment + "-byte aligned");
    }
  }

  private long realloc(int alignment, long size) throws ComponentTrap {
    if (cx.realloc() == null) {
      throw new ComponentTrap("the canonical option 'realloc' is required to pass this value");
    }
    ComponentState instance = cx.instance();
    boolean previous = instance.mayLeave;
    instance.mayLeave = false;
    long ptr;
    try {
      ptr = cx.realloc().call(0, 0, alignment, (int) size)[0] & 0xFFFFFFFFL;
    } finally {
      instance.mayLeave = previous;
    }
    checkAligned(ptr, alignment, "realloc result");
    checkRange(ptr, size, "realloc result");
    return ptr;
  }

  // ---------------------------------------------------------------- load

  Value load(long ptr, ValType type) throws ComponentTrap {
    Memory m = memory();
    checkRange(ptr, Layout.size(type), "value");
    int p = (int) ptr;
    return switch (type) {
      case Primitive prim ->
          switch (prim) {
            case BOOL -> new BoolValue(m.read(p) != 0);
            case S8 -> new IntValue(prim, m.read(p));
            case U8 -> new IntValue(prim, m.read(p) & 0xFF);
            case S16 -> new IntValue(prim, m.readShort(p));
            case U16 -> new IntValue(prim, m.readShort(p) & 0xFFFF);
            case S32 -> new IntValue(prim, m.readInt(p));
            case U32 -> new IntValue(prim, m.readInt(p) & 0xFFFFFFFFL);
            case S64, U64 -> new IntValue(prim, m.readLong(p));
            case F32 -> f32(m.readInt(p));
            case F64 -> f64(m.readLong(p));
            case CHAR -> charValue(m.readInt(p));
            case STRING -> loadString(m.readInt(p) & 0xFFFFFFFFL, m.readInt(p + 4));
          };
      case ListType l ->
          l.isFixed()
              ? new ListValue(loadFixed(ptr, l))
              : loadList(m.readInt(p) & 0xFFFFFFFFL, m.readInt(p + 4) & 0xFFFFFFFFL, l.element());
      case RecordType r -> new RecordValue(loadFields(ptr, Layout.fieldTypes(r)));
      case TupleType t -> new TupleValue(loadFields(ptr, t.types()));
      case FlagsType f -> loadFlags(m, p, f);
      case OwnType o -> liftOwn(m.readInt(p), o.resource());
      case BorrowType b -> liftBorrow(m.readInt(p), b.resource());
      case VariantType v -> loadVariant(ptr, type);
      case dev.corral.sandbox.types.EnumType e -> loadVariant(ptr, type);
      case OptionType o -> loadVariant(ptr, type);
      case ResultType r -> loadVariant(ptr, type);
    };
  }

  private List<Value> loadFields(long ptr, List<ValType> types) throws ComponentTrap {
    List<Value> out = new ArrayList<>(types.size());
    for (ValType t : types) {
      ptr = Layout.alignTo(ptr, Layout.alignment(t));
      out.add(load(ptr, t));
      ptr += Layout.size(t);
    }
    return out;
  }

  private Value loadVariant(long ptr, ValType type) throws ComponentTrap {
    List<Case> cases = Layout.cases(type);
    int discSize = Layout.discriminantSize(cases.size());
    long disc = readUnsigned(ptr, discSize);
    if (disc >= cases.size()) {
      throw new ComponentTrap(
          "variant discriminant " + disc + " is out of range for " + cases.size() + " cases");
    }
    ptr = Layout.alignTo(ptr + discSize, Layout.maxCaseAlignment(cases));
    Case c = cases.get((int) disc);
    Optional<Value> payload =
        c.type().isPresent() ? Optional.of(load(ptr, c.type().get())) : Optional.empty();
    return variantValue(type, (int) disc, payload);
  }

  private long readUnsigned(long ptr, int bytes) throws ComponentTrap {
    Memory m = memory();
    int p = (int) ptr;
    return switch (bytes) {
      case 1 -> m.read(p) & 0xFF;
      case 2 -> m.readShort(p) & 0xFFFF;
      default -> m.readInt(p) & 0xFFFFFFFFL;
    };
  }

  private static Value variantValue(ValType type, int caseIndex, Optional<Value> payload) {
    return switch (type) {
      case OptionType o -> new OptionValue(payload);
      case ResultType r -> new ResultValue(caseIndex == 0, payload);
      case dev.corral.sandbox.types.EnumType e -> new EnumValue(caseIndex);
      case VariantType v -> new VariantValue(caseIndex, payload);
      case Primitive p -> throw notVariant(type);
      case ListType l -> throw notVariant(type);
      case RecordType rec -> throw notVariant(type);
      case TupleType t -> throw notVariant(type);
      case FlagsType f -> throw notVariant(type);
      case OwnType own -> throw notVariant(type);
      case BorrowType b -> throw notVariant(type);
    };
  }

  private Value loadFlags(Memory m, int p, FlagsType f) {
    int n = f.names().size();
    BitSet bits = new BitSet(n);
    int size = Layout.flagsSize(n);
    if (size < 4) {
      long word = size == 1 ? m.read(p) & 0xFF : m.readShort(p) & 0xFFFF;
      setBits(bits, 0, word, n);
    } else {
      for (int w = 0; w < size / 4; w++) {
        setBits(bits, w * 32, m.readInt(p + 4 * w) & 0xFFFFFFFFL, n);
      }
    }
    return new FlagsValue(bits);
  }

  private static void setBits(BitSet bits, int base, long word, int n) {
    for (int i = 0; i < 32 && base + i < n; i++) {
      if ((word & (1L << i)) != 0) {
        bits.set(base + i);
      }
    }
  }

  private Value loadList(long ptr, long length, ValType element) throws ComponentTrap {
    checkAligned(ptr, Layout.alignment(element), "list");
    checkRange(ptr, length * Layout.size(element), "list");
    cx.budget().charge(length * Math.max(1, Layout.size(element)));
    if (element == Primitive.U8 || element == Primitive.S8) {
      byte[] bytes = memory().readBytes((int) ptr, (int) length);
      IntValue[] values = element == Primitive.U8 ? U8_VALUES : S8_VALUES;
      List<Value> out = new ArrayList<>(bytes.length);
      for (byte b : bytes) {
        out.add(values[b & 0xFF]);
      }
      return new ListValue(out);
    }
    listsBeingLoaded++;
    try {
      return new ListValue(loadElements(ptr, (int) length, element));
    } finally {
      listsBeingLoaded--;
    }
  }

  private List<Value> loadFixed(long ptr, ListType l) throws ComponentTrap {
    if (listsBeingLoaded == 0) {
      // inside a list, its bytes were charged with the list's
      cx.budget().charge((long) l.fixedLength() * Math.max(1, Layout.size(l.element())));
    }
    listsBeingLoaded++;
    try {
      return loadElements(ptr, l.fixedLength(), l.element());
    } finally {
      listsBeingLoaded--;
    }
  }

  private List<Value> loadElements(long ptr, int length, ValType element) throws ComponentTrap {
    int size = Layout.size(element);
    List<Value> out = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      out.add(load(ptr + (long) i * size, element));
    }
    return out;
  }

  Value loadString(long ptr, int taggedCodeUnits) throws ComponentTrap {
    long units = taggedCodeUnits & 0xFFFFFFFFL;
    Charset charset;
    int alignment;
    long byteLength;
    switch (cx.encoding()) {
      case UTF8 -> {
        charset = StandardCharsets.UTF_8;
        alignment = 1;
        byteLength = units;
      }
      case UTF16 -> {
        charset = StandardCharsets.UTF_16LE;
        alignment = 2;
        byteLength = 2 * units;
      }
      default -> {
        alignment = 2;
        if ((taggedCodeUnits & UTF16_TAG) != 0) {
          charset = StandardCharsets.UTF_16LE;
          byteLength = 2 * (units & ~(long) UTF16_TAG);
        } else {
          charset = StandardCharsets.ISO_8859_1;
          byteLength = units;
        }
      }
    }
    checkAligned(ptr, alignment, "string");
    checkRange(ptr, byteLength, "string");
    cx.budget().charge(byteLength);
    byte[] bytes = memory().readBytes((int) ptr, (int) byteLength);
    try {
      return new StringValue(
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      throw new ComponentTrap("string at " + ptr + " is not valid " + charset.name());
    }
  }

  // ---------------------------------------------------------------- store

  void store(Value value, ValType type, long ptr) throws ComponentTrap {
    Memory m = memory();
    checkRange(ptr, Layout.size(type), "value");
    int p = (int) ptr;
    switch (type) {
      case Primitive prim -> {
        switch (prim) {
          case BOOL ->
              m.writeByte(p, (byte) (expect(value, BoolValue.class, type).value() ? 1 : 0));
          case S8, U8 -> m.writeByte(p, (byte) intBits(value, prim));
          case S16, U16 -> m.writeShort(p, (short) intBits(value, prim));
          case S32, U32 -> m.writeI32(p, (int) intBits(value, prim));
          case S64, U64 -> m.writeLong(p, intBits(value, prim));
          case F32 -> m.writeI32(p, f32Bits(expect(value, F32Value.class, type).value()));
          case F64 -> m.writeLong(p, f64Bits(expect(value, F64Value.class, type).value()));
          case CHAR -> m.writeI32(p, expect(value, CharValue.class, type).codePoint());
          case STRING -> {
            long[] s = storeString(expect(value, StringValue.class, type).value());
            m.writeI32(p, (int) s[0]);
            m.writeI32(p + 4, (int) s[1]);
          }
        }
      }
      case ListType l -> {
        List<Value> elements = expect(value, ListValue.class, type).elements();
        if (l.isFixed()) {
          checkFixedLength(l, elements);
          storeElements(elements, l.element(), ptr);
        } else {
          long[] list = storeList(elements, l.element());
          m.writeI32(p, (int) list[0]);
          m.writeI32(p + 4, (int) list[1]);
        }
      }
      case RecordType r ->
          storeFields(expect(value, RecordValue.class, type).fields(), Layout.fieldTypes(r), ptr);
      case TupleType t ->
          storeFields(expect(value, TupleValue.class, type).elements(), t.types(), ptr);
      case FlagsType f -> storeFlags(m, p, expect(value, FlagsValue.class, type), f);
      case OwnType o -> m.writeI32(p, lowerOwn(value, o.resource()));
      case BorrowType b -> m.writeI32(p, lowerBorrow(value, b.resource()));
      case VariantType v -> storeVariant(value, type, ptr);
      case dev.corral.sandbox.types.EnumType e -> storeVariant(value, type, ptr);
      case OptionType o -> storeVariant(value, type, ptr);
      case ResultType r -> storeVariant(value, type, ptr);
    }
  }

  private void storeFields(List<Value> values, List<ValType> types, long ptr) throws ComponentTrap {
    if (values.size() != types.size()) {
      throw new IllegalArgumentException(
          "expected " + types.size() + " fields, got " + values.size());
    }
    for (int i = 0; i < types.size(); i++) {
      ValType t = types.get(i);
      ptr = Layout.alignTo(ptr, Layout.alignment(t));
      store(values.get(i), t, ptr);
      ptr += Layout.size(t);
    }
  }

  private void storeVariant(Value value, ValType type, long ptr) throws ComponentTrap {
    List<Case> cases = Layout.cases(type);
    int index = caseIndex(value, type, cases);
    int discSize = Layout.discriminantSize(cases.size());
    Memory m = memory();
    switch (discSize) {
      case 1 -> m.writeByte((int) ptr, (byte) index);
      case 2 -> m.writeShort((int) ptr, (short) index);
      default -> m.writeI32((int) ptr, index);
    }
    ptr = Layout.alignTo(ptr + discSize, Layout.maxCaseAlignment(cases));
    Optional<ValType> payloadType = cases.get(index).type();
    if (payloadType.isPresent()) {
      store(
          payload(value, type)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "case " + cases.get(index).name() + " needs a payload")),
          payloadType.get(),
          ptr);
    }
  }

  private static IllegalStateException notVariant(ValType type) {
    return new IllegalStateException("not a variant, enum, option or result type: " + type);
  }

  private static int caseIndex(Value value, ValType type, List<Case> cases) {
    int index =
        switch (type) {
          case OptionType o -> expect(value, OptionValue.class, type).value().isPresent() ? 1 : 0;
          case ResultType r -> expect(value, ResultValue.class, type).isOk() ? 0 : 1;
          case dev.corral.sandbox.types.EnumType e ->
              expect(value, EnumValue.class, type).caseIndex();
          case VariantType v -> expect(value, VariantValue.class, type).caseIndex();
          case Primitive p -> throw notVariant(type);
          case ListType l -> throw notVariant(type);
          case RecordType rec -> throw notVariant(type);
          case TupleType t -> throw notVariant(type);
          case FlagsType f -> throw notVariant(type);
          case OwnType own -> throw notVariant(type);
          case BorrowType b -> throw notVariant(type);
        };
    if (index >= cases.size()) {
      throw new IllegalArgumentException("case index " + index + " is out of range for " + type);
    }
    return index;
  }

  private static Optional<Value> payload(Value value, ValType type) {
    return switch (value) {
      case OptionValue o -> o.value();
      case ResultValue r -> r.payload();
      case VariantValue v -> v.payload();
      default -> Optional.empty();
    };
  }

  private void storeFlags(Memory m, int p, FlagsValue value, FlagsType f) {
    int n = f.names().size();
    BitSet bits = value.bits();
    if (bits.length() > n) {
      throw new IllegalArgumentException(
          "flag bit " + (bits.length() - 1) + " is beyond the " + n + " flags");
    }
    int size = Layout.flagsSize(n);
    if (size == 1) {
      m.writeByte(p, (byte) word(bits, 0));
    } else if (size == 2) {
      m.writeShort(p, (short) word(bits, 0));
    } else {
      for (int w = 0; w < size / 4; w++) {
        m.writeI32(p + 4 * w, word(bits, w * 32));
      }
    }
  }

  private static int word(BitSet bits, int base) {
    int word = 0;
    for (int i = 0; i < 32; i++) {
      if (bits.get(base + i)) {
        word |= 1 << i;
      }
    }
    return word;
  }

  private long[] storeList(List<Value> elements, ValType element) throws ComponentTrap {
    int size = Layout.size(element);
    long byteLength = (long) elements.size() * size;
    if (byteLength > MAX_STRING_BYTE_LENGTH) {
      throw new ComponentTrap(
          "list of " + elements.size() + " elements is too large for linear memory");
    }
    long ptr = realloc(Layout.alignment(element), byteLength);
    storeElements(elements, element, ptr);
    return new long[] {ptr, elements.size()};
  }

  private void storeElements(List<Value> elements, ValType element, long ptr) throws ComponentTrap {
    int size = Layout.size(element);
    for (int i = 0; i < elements.size(); i++) {
      store(elements.get(i), element, ptr + (long) i * size);
    }
  }

  private static void checkFixedLength(ListType l, List<Value> elements) {
    if (elements.size() != l.fixedLength()) {
      throw new IllegalArgumentException(
          "fixed-length list needs " + l.fixedLength() + " elements, got " + elements.size());
    }
  }

  /** Stores a string with the context's encoding; returns {pointer, tagged code units}. */
  long[] storeString(String s) throws ComponentTrap {
    if (!isWellFormed(s)) {
      throw new IllegalArgumentException("string contains an unpaired surrogate");
    }
    return switch (cx.encoding()) {
      case UTF8 -> {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        yield new long[] {writeBytes(bytes, 1), bytes.length};
      }
      case UTF16 -> {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_16LE);
        yield new long[] {writeBytes(bytes, 2), s.length()};
      }
      case LATIN1_UTF16 -> {
        if (s.chars().allMatch(c -> c <= 0xFF)) {
          byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
          yield new long[] {writeBytes(bytes, 2), bytes.length};
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_16LE);
        yield new long[] {writeBytes(bytes, 2), (s.length() | UTF16_TAG) & 0xFFFFFFFFL};
      }
    };
  }

  private long writeBytes(byte[] bytes, int alignment) throws ComponentTrap {
    if (bytes.length > MAX_STRING_BYTE_LENGTH / 2 && alignment == 2) {
      throw new ComponentTrap("string of " + bytes.length + " bytes is too long");
    }
    long ptr = realloc(alignment, bytes.length);
    memory().write((int) ptr, bytes);
    return ptr;
  }

  /**
   * Whether every surrogate in {@code s} is half of a pair (only then is it a string of scalar
   * values).
   */
  static boolean isWellFormed(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c)
            || i + 1 == n
            || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- handles

  private Value liftOwn(int index, ResourceType resource) throws ComponentTrap {
    Handle h = cx.instance().handles.get(index);
    checkResource(h, resource, index);
    if (!h.own) {
      throw new ComponentTrap(
          "handle " + index + " is a borrow, but an own<" + resource.name() + "> was expected");
    }
    if (h.lends != 0) {
      throw new ComponentTrap("cannot transfer handle " + index + " while it is lent out");
    }
    cx.instance().handles.remove(index);
    cx.store().hostHandles.ownedOut(resource, h.rep);
    return new HandleValue(resource, h.rep, true);
  }

  private Value liftBorrow(int index, ResourceType resource) throws ComponentTrap {
    Handle h = cx.instance().handles.get(index);
    checkResource(h, resource, index);
    cx.scope().lend(h);
    return new HandleValue(resource, h.rep, false);
  }

  private static void checkResource(Handle h, ResourceType expected, int index)
      throws ComponentTrap {
    if (h.resource != expected) {
      throw new ComponentTrap(
          "handle " + index + " refers to " + h.resource + ", but " + expected + " was expected");
    }
  }

  private int lowerOwn(Value value, ResourceType resource) throws ComponentTrap {
    HandleValue h = expectHandle(value, resource);
    // the host mints handles of its own resources; one of a guest's must have come out of a guest
    if (!cx.store().hostHandles.takeOwned(resource, h.rep()) && isGuestResource(resource)) {
      throw new ComponentTrap(
          "cannot pass own<"
              + resource.name()
              + "> with rep "
              + h.rep()
              + ": no such owned handle is held outside the components (it was dropped or passed on already,"
              + " or never handed out)");
    }
    return cx.instance().handles.add(new Handle(resource, h.rep(), true, null));
  }

  private boolean isGuestResource(ResourceType resource) {
    ResourceImpl impl = cx.store().impl(resource);
    return impl != null && impl.owner() != null;
  }

  private int lowerBorrow(Value value, ResourceType resource) throws ComponentTrap {
    HandleValue h = expectHandle(value, resource);
    if (isGuestResource(resource) && !cx.store().hostHandles.mayBorrow(resource, h.rep())) {
      throw new ComponentTrap(
          "cannot pass borrow<"
              + resource.name()
              + "> with rep "
              + h.rep()
              + ": no owned handle to it is held outside the components and none was lent out");
    }
    ResourceImpl impl = cx.store().impl(resource);
    if (impl != null && impl.owner() == cx.instance()) {
      return h.rep();
    }
    cx.scope().borrowCount++;
    return cx.instance().handles.add(new Handle(resource, h.rep(), false, cx.scope()));
  }

  private static HandleValue expectHandle(Value value, ResourceType resource) {
    if (!(value instanceof HandleValue h) || h.resource() != resource) {
      throw new IllegalArgumentException("expected a handle to " + resource + ", got " + value);
    }
    return h;
  }

  // ---------------------------------------------------------------- flat values

  /** Reads flat core values in order, converting each to the type wanted. */
  static final class FlatReader {
    private final long[] values;
    private int next;

    FlatReader(long[] values) {
      this.values = values;
    }

    long next() {
      return values[next++];
    }

    int nextI32() {
      return (int) values[next++];
    }
  }

  Value liftFlat(FlatReader in, ValType type) throws ComponentTrap {
    return switch (type) {
      case Primitive prim ->
          switch (prim) {
            case BOOL -> new BoolValue(in.nextI32() != 0);
            case S8 -> new IntValue(prim, (byte) in.nextI32());
            case U8 -> new IntValue(prim, in.nextI32() & 0xFF);
            case S16 -> new IntValue(prim, (short) in.nextI32());
            case U16 -> new IntValue(prim, in.nextI32() & 0xFFFF);
            case S32 -> new IntValue(prim, in.nextI32());
            case U32 -> new IntValue(prim, in.nextI32() & 0xFFFFFFFFL);
            case S64, U64 -> new IntValue(prim, in.next());
            case F32 -> f32(in.nextI32());
            case F64 -> f64(in.next());
            case CHAR -> charValue(in.nextI32());
            case STRING -> {
              long ptr = in.nextI32() & 0xFFFFFFFFL;
              yield loadString(ptr, in.nextI32());
            }
          };
      case ListType l -> {
        if (l.isFixed()) {
          List<Value> out = new ArrayList<>(l.fixedLength());
          for (int i = 0; i < l.fixedLength(); i++) {
            out.add(liftFlat(in, l.element()));
          }
          yield new ListValue(out);
        }
        long ptr = in.nextI32() & 0xFFFFFFFFL;
        yield loadList(ptr, in.nextI32() & 0xFFFFFFFFL, l.element());
      }
      case RecordType r -> new RecordValue(liftFlatAll(in, Layout.fieldTypes(r)));
      case TupleType t -> new TupleValue(liftFlatAll(in, t.types()));
      case FlagsType f -> {
        int n = f.names().size();
        BitSet bits = new BitSet(n);
        for (int w = 0; w < (n + 31) / 32; w++) {
          setBits(bits, w * 32, in.nextI32() & 0xFFFFFFFFL, n);
        }
        yield new FlagsValue(bits);
      }
      case OwnType o -> liftOwn(in.nextI32(), o.resource());
      case BorrowType b -> liftBorrow(in.nextI32(), b.resource());
      case VariantType v -> liftFlatVariant(in, type);
      case dev.corral.sandbox.types.EnumType e -> liftFlatVariant(in, type);
      case OptionType o -> liftFlatVariant(in, type);
      case ResultType r -> liftFlatVariant(in, type);
    };
  }

  private List<Value> liftFlatAll(FlatReader in, List<ValType> types) throws ComponentTrap {
    List<Value> out = new ArrayList<>(types.size());
    for (ValType t : types) {
      out.add(liftFlat(in, t));
    }
    return out;
  }

  private Value liftFlatVariant(FlatReader in, ValType type) throws ComponentTrap {
    List<Case> cases = Layout.cases(type);
    List<FlatType> joined = Layout.flattenVariant(cases);
    long disc = in.nextI32() & 0xFFFFFFFFL;
    if (disc >= cases.size()) {
      throw new ComponentTrap(
          "variant discriminant " + disc + " is out of range for " + cases.size() + " cases");
    }
    Case c = cases.get((int) disc);
    long[] slots = new long[joined.size() - 1];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = in.next();
    }
    Optional<Value> payload = Optional.empty();
    if (c.type().isPresent()) {
      // Slots hold raw bits: reading them as the case's own flat types performs the ABI's
      // reinterpretations (i32<->f32, i64->f64) and wrapping (i64->i32).
      payload = Optional.of(liftFlat(new FlatReader(slots), c.type().get()));
    }
    return variantValue(type, (int) disc, payload);
  }

  void lowerFlat(Value value, ValType type, List<Long> out) throws ComponentTrap {
    switch (type) {
      case Primitive prim -> {
        switch (prim) {
          case BOOL -> out.add(expect(value, BoolValue.class, type).value() ? 1L : 0L);
          case S8, U8, S16, U16, S32, U32 -> out.add((long) (int) intBits(value, prim));
          case S64, U64 -> out.add(intBits(value, prim));
          case F32 -> out.add((long) f32Bits(expect(value, F32Value.class, type).value()));
          case F64 -> out.add(f64Bits(expect(value, F64Value.class, type).value()));
          case CHAR -> out.add((long) expect(value, CharValue.class, type).codePoint());
          case STRING -> {
            long[] s = storeString(expect(value, StringValue.class, type).value());
            out.add((long) (int) s[0]);
            out.add((long) (int) s[1]);
          }
        }
      }
      case ListType l -> {
        List<Value> elements = expect(value, ListValue.class, type).elements();
        if (l.isFixed()) {
          checkFixedLength(l, elements);
          for (Value e : elements) {
            lowerFlat(e, l.element(), out);
          }
        } else {
          long[] list = storeList(elements, l.element());
          out.add((long) (int) list[0]);
          out.add((long) (int) list[1]);
        }
      }
      case RecordType r ->
          lowerFlatAll(expect(value, RecordValue.class, type).fields(), Layout.fieldTypes(r), out);
      case TupleType t ->
          lowerFlatAll(expect(value, TupleValue.class, type).elements(), t.types(), out);
      case FlagsType f -> {
        BitSet bits = expect(value, FlagsValue.class, type).bits();
        int n = f.names().size();
        if (bits.length() > n) {
          throw new IllegalArgumentException(
              "flag bit " + (bits.length() - 1) + " is beyond the " + n + " flags");
        }
        for (int w = 0; w < (n + 31) / 32; w++) {
          out.add((long) word(bits, w * 32));
        }
      }
      case OwnType o -> out.add((long) lowerOwn(value, o.resource()));
      case BorrowType b -> out.add((long) lowerBorrow(value, b.resource()));
      case VariantType v -> lowerFlatVariant(value, type, out);
      case dev.corral.sandbox.types.EnumType e -> lowerFlatVariant(value, type, out);
      case OptionType o -> lowerFlatVariant(value, type, out);
      case ResultType r -> lowerFlatVariant(value, type, out);
    }
  }

  private void lowerFlatAll(List<Value> values, List<ValType> types, List<Long> out)
      throws ComponentTrap {
    if (values.size() != types.size()) {
      throw new IllegalArgumentException(
          "expected " + types.size() + " fields, got " + values.size());
    }
    for (int i = 0; i < types.size(); i++) {
      lowerFlat(values.get(i), types.get(i), out);
    }
  }

  private void lowerFlatVariant(Value value, ValType type, List<Long> out) throws ComponentTrap {
    List<Case> cases = Layout.cases(type);
    List<FlatType> joined = Layout.flattenVariant(cases);
    int index = caseIndex(value, type, cases);
    out.add((long) index);
    List<Long> payload = new ArrayList<>();
    List<FlatType> payloadTypes = List.of();
    Optional<ValType> caseType = cases.get(index).type();
    if (caseType.isPresent()) {
      Value p =
          payload(value, type)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "case " + cases.get(index).name() + " needs a payload"));
      lowerFlat(p, caseType.get(), payload);
      payloadTypes = Layout.flatten(caseType.get());
    }
    for (int i = 1; i < joined.size(); i++) {
      if (i - 1 < payload.size()) {
        long bits = payload.get(i - 1);
        FlatType have = payloadTypes.get(i - 1);
        boolean widen =
            joined.get(i) == FlatType.I64 && (have == FlatType.I32 || have == FlatType.F32);
        out.add(widen ? bits & 0xFFFFFFFFL : bits);
      } else {
        out.add(0L);
      }
    }
  }

  /**
   * Lifts values from flat core values, or from memory when there are more than {@code maxFlat}.
   */
  List<Value> liftFlatValues(int maxFlat, FlatReader in, List<ValType> types) throws ComponentTrap {
    if (Layout.flatten(types).size() > maxFlat) {
      long ptr = in.nextI32() & 0xFFFFFFFFL;
      TupleType tuple = new TupleType(types);
      checkAligned(ptr, Layout.alignment(tuple), "spilled values");
      checkRange(ptr, Layout.size(tuple), "spilled values");
      return loadFields(ptr, types);
    }
    return liftFlatAll(in, types);
  }

  /**
   * Lowers values to flat core values, or spills them to memory when there are more than {@code
   * maxFlat}: into {@code outPointer} when given (a lowered import's return area), else into memory
   * from realloc (a lifted export's parameters).
   */
  long[] lowerFlatValues(int maxFlat, List<Value> values, List<ValType> types, Long outPointer)
      throws ComponentTrap {
    if (values.size() != types.size()) {
      throw new IllegalArgumentException(
          "expected " + types.size() + " values, got " + values.size());
    }
    if (Layout.flatten(types).size() > maxFlat) {
      TupleType tuple = new TupleType(types);
      long ptr;
      if (outPointer != null) {
        ptr = outPointer & 0xFFFFFFFFL;
        checkAligned(ptr, Layout.alignment(tuple), "return area");
        checkRange(ptr, Layout.size(tuple), "return area");
      } else {
        ptr = realloc(Layout.alignment(tuple), Layout.size(tuple));
      }
      storeFields(values, types, ptr);
      return outPointer != null ? new long[0] : new long[] {(long) (int) ptr};
    }
    List<Long> out = new ArrayList<>();
    lowerFlatAll(values, types, out);
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  // ---------------------------------------------------------------- scalars

  private static F32Value f32(int bits) {
    float f = Float.intBitsToFloat(bits);
    return new F32Value(Float.isNaN(f) ? Float.intBitsToFloat(CANONICAL_NAN32) : f);
  }

  private static F64Value f64(long bits) {
    double d = Double.longBitsToDouble(bits);
    return new F64Value(Double.isNaN(d) ? Double.longBitsToDouble(CANONICAL_NAN64) : d);
  }

  private static int f32Bits(float f) {
    return Float.isNaN(f) ? CANONICAL_NAN32 : Float.floatToRawIntBits(f);
  }

  private static long f64Bits(double d) {
    return Double.isNaN(d) ? CANONICAL_NAN64 : Double.doubleToRawLongBits(d);
  }

  private static CharValue charValue(int codePoint) throws ComponentTrap {
    if (!CharValue.isScalarValue(codePoint)) {
      throw new ComponentTrap(
          String.format("0x%X is not a valid char (Unicode scalar value)", codePoint));
    }
    return new CharValue(codePoint);
  }

  private static long intBits(Value value, Primitive type) {
    IntValue v = expect(value, IntValue.class, type);
    if (v.type() != type) {
      throw new IllegalArgumentException("expected a " + type.witName() + ", got " + v);
    }
    return v.bits();
  }

  private static <T extends Value> T expect(Value value, Class<T> kind, ValType type) {
    if (!kind.isInstance(value)) {
      throw new IllegalArgumentException("expected a value of type " + type + ", got " + value);
    }
    return kind.cast(value);
  }
}
