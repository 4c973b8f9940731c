package dev.corral.sandbox.wasi;

import dev.corral.sandbox.capability.Limits;
import dev.corral.sandbox.error.ComponentTrap;
import dev.corral.sandbox.runtime.LiftBudget;

/**
 * The bytes lifting one call's result may read from guest memory ({@link Limits#maxResultBytes()}):
 * past them the call ends with reason {@code LIMIT} before the host builds the value.
 */
final class ResultBudget implements LiftBudget {
  private final long max;
  private final WasiContext ctx;
  private long used;

  ResultBudget(long max, WasiContext ctx) {
    this.max = max;
    this.ctx = ctx;
  }

  @Override
  public void charge(long bytes) throws ComponentTrap {
    if (bytes > max - used) {
      throw ctx.limitHit("output limit: the result is larger than " + max + " bytes");
    }
    used += bytes;
  }
}
