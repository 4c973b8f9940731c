package dev.corral.sandbox.values;

/** An {@code f64}. */
public record F64Value(double value) implements Value {}
