package dev.corral.sandbox.values;

/** An enum: the index of its case. */
public record EnumValue(int caseIndex) implements Value {
  public EnumValue {
    if (caseIndex < 0) {
      throw new IllegalArgumentException("negative case index " + caseIndex);
    }
  }
}
