package dev.corral.sandbox.runtime;

/**
 * How the core modules of a {@link CompiledComponent} execute.
 *
 * <p>Both modes stop at a thread interrupt: Chicory's interpreter checks the interrupt flag on
 * every call and branch, and its compiler emits the same check before calls and on loop back-edges,
 * so a wall-clock deadline stops a tight guest loop either way.
 */
public enum Execution {
  /**
   * The default: a core module's instances are interpreted until its compilation, started in the
   * background on its second instantiation, has finished; later instances run compiled. Loading a
   * component (which instantiates it once to list its exports) compiles nothing, the first calls
   * pay no compilation delay, and steady-state calls run compiled.
   */
  TIERED,
  /**
   * Wasm functions are compiled to JVM bytecode (Chicory's runtime compiler) once per core module,
   * on its first instantiation, which waits for it; functions too big for a JVM method run in the
   * interpreter. If a module cannot be compiled at all it runs entirely in the interpreter.
   */
  COMPILED,
  /** Every function runs in Chicory's interpreter: no compilation cost, slower calls. */
  INTERPRETED
}
