package dev.corral.sandbox.types;

/** The primitive value types of the Component Model. */
public enum Primitive implements ValType {
  BOOL("bool"),
  S8("s8"),
  U8("u8"),
  S16("s16"),
  U16("u16"),
  S32("s32"),
  U32("u32"),
  S64("s64"),
  U64("u64"),
  F32("f32"),
  F64("f64"),
  CHAR("char"),
  STRING("string");

  private final String witName;

  Primitive(String witName) {
    this.witName = witName;
  }

  /** The name of this type in WIT, e.g. {@code u32}. */
  public String witName() {
    return witName;
  }

  /** Whether this is one of the eight integer types. */
  public boolean isInteger() {
    return switch (this) {
      case S8, U8, S16, U16, S32, U32, S64, U64 -> true;
      default -> false;
    };
  }

  /** Whether this integer type is signed. */
  public boolean isSigned() {
    return this == S8 || this == S16 || this == S32 || this == S64;
  }

  /** The width in bits of an integer or float type; 0 for others. */
  public int bits() {
    return switch (this) {
      case BOOL, S8, U8 -> 8;
      case S16, U16 -> 16;
      case S32, U32, F32, CHAR -> 32;
      case S64, U64, F64 -> 64;
      case STRING -> 0;
    };
  }
}
