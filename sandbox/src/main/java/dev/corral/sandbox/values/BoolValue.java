package dev.corral.sandbox.values;

/** A {@code bool}. */
public record BoolValue(boolean value) implements Value {}
