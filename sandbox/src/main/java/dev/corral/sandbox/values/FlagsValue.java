package dev.corral.sandbox.values;

import java.util.BitSet;

/** A {@code flags} value: bit {@code i} set means the type's {@code i}-th flag is present. */
public record FlagsValue(BitSet bits) implements Value {
  public FlagsValue {
    bits = (BitSet) bits.clone();
  }

  /** The set bits (a copy). */
  @Override
  public BitSet bits() {
    return (BitSet) bits.clone();
  }

  /** Whether the flag at {@code index} is set. */
  public boolean isSet(int index) {
    return bits.get(index);
  }
}
