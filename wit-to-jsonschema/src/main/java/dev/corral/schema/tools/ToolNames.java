package dev.corral.schema.tools;

import dev.corral.sandbox.runtime.ExportedFunction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * MCP tool names for exported functions.
 *
 * <ul>
 *   <li>A world-level export keeps its WIT name: {@code add}.
 *   <li>An interface export is the interface path with {@code :} and {@code /} replaced by {@code
 *       _}, its version dropped, then {@code _} and the function name: {@code docs:adder/add@0.1.0}
 *       and {@code add} give {@code docs_adder_add_add}.
 *   <li>Resource function prefixes are dropped: {@code [static]cache.make} gives {@code
 *       cache.make}.
 *   <li>Any other character outside {@code [A-Za-z0-9_.-]} becomes {@code _}; names are cut to 128
 *       characters.
 * </ul>
 *
 * <p>{@link #uniquify} then makes names unique across everything loaded, deterministically; for
 * several components served together, a tool named like a built-in tool first becomes {@code
 * COMPONENT-ID_NAME}.
 */
public final class ToolNames {
  /** The longest tool name allowed. */
  public static final int MAX_LENGTH = 128;

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_LENGTH + "}");

  private ToolNames() {}

  /** Whether {@code name} is a valid tool name. */
  public static boolean isValid(String name) {
    return VALID.matcher(name).matches();
  }

  /** The tool name for {@code function}, before collisions are resolved. */
  public static String of(ExportedFunction function) {
    String functionName = stripResourcePrefix(function.name());
    String raw =
        function
            .interfaceName()
            .map(
                iface ->
                    withoutVersion(iface).replace(':', '_').replace('/', '_') + "_" + functionName)
            .orElse(functionName);
    return sanitize(raw);
  }

  /** Replaces characters outside {@code [A-Za-z0-9_.-]} with {@code _} and cuts to 128. */
  public static String sanitize(String raw) {
    StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_LENGTH));
    raw.codePoints().limit(MAX_LENGTH).forEach(c -> out.append(isAllowed(c) ? (char) c : '_'));
    return out.isEmpty() ? "_" : out.toString();
  }

  /**
   * Makes tool names unique. Tools keep their order; the first tool with a name keeps it, each
   * later one gets the first free suffix {@code _2}, {@code _3}, ... (the name cut so the whole
   * stays within 128 characters). Pass tools in a stable order (for example components sorted by
   * id, each in export order) for stable names.
   */
  public static UniqueTools uniquify(List<ToolDefinition> tools) {
    Set<String> taken = new HashSet<>();
    for (ToolDefinition tool : tools) {
      taken.add(tool.name());
    }
    Set<String> assigned = new HashSet<>();
    List<ToolDefinition> result = new ArrayList<>(tools.size());
    List<Renaming> renamings = new ArrayList<>();
    for (ToolDefinition tool : tools) {
      if (assigned.add(tool.name())) {
        result.add(tool);
        continue;
      }
      String name = freeName(tool.name(), taken);
      taken.add(name);
      assigned.add(name);
      result.add(tool.withName(name));
      renamings.add(
          new Renaming(tool.name(), name, tool.function().qualifiedName(), Renaming.Cause.TAKEN));
    }
    return new UniqueTools(result, renamings);
  }

  /**
   * Makes the names of the tools of several components unique: a tool whose name is {@code
   * reserved} (a built-in tool's) becomes {@code COMPONENT-ID_NAME}, sanitized, then {@link
   * #uniquify(List)} resolves the collisions left. {@code componentIds.get(i)} is the id of the
   * component {@code tools.get(i)} comes from. The renamings list the reserved names first.
   */
  public static UniqueTools uniquify(
      List<ToolDefinition> tools, List<String> componentIds, Set<String> reserved) {
    if (tools.size() != componentIds.size()) {
      throw new IllegalArgumentException(
          tools.size() + " tools but " + componentIds.size() + " component ids");
    }
    List<ToolDefinition> unreserved = new ArrayList<>(tools.size());
    List<Renaming> renamings = new ArrayList<>();
    for (int i = 0; i < tools.size(); i++) {
      ToolDefinition tool = tools.get(i);
      if (reserved.contains(tool.name())) {
        String name = sanitize(componentIds.get(i) + "_" + tool.name());
        renamings.add(
            new Renaming(
                tool.name(), name, tool.function().qualifiedName(), Renaming.Cause.RESERVED));
        tool = tool.withName(name);
      }
      unreserved.add(tool);
    }
    UniqueTools unique = uniquify(unreserved);
    renamings.addAll(unique.renamings());
    return new UniqueTools(unique.tools(), renamings);
  }

  private static String freeName(String base, Set<String> taken) {
    for (int n = 2; ; n++) {
      String suffix = "_" + n;
      String head =
          base.length() + suffix.length() > MAX_LENGTH
              ? base.substring(0, MAX_LENGTH - suffix.length())
              : base;
      String candidate = head + suffix;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }

  private static boolean isAllowed(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '.'
        || c == '-';
  }

  private static String withoutVersion(String interfaceName) {
    int at = interfaceName.lastIndexOf('@');
    return at > 0 ? interfaceName.substring(0, at) : interfaceName;
  }

  private static String stripResourcePrefix(String name) {
    if (name.startsWith("[")) {
      int close = name.indexOf(']');
      if (close > 0) {
        return name.substring(close + 1);
      }
    }
    return name;
  }

  /** Tools with unique names, and the renamings that made them so. */
  public record UniqueTools(List<ToolDefinition> tools, List<Renaming> renamings) {
    public UniqueTools {
      tools = List.copyOf(tools);
      renamings = List.copyOf(renamings);
    }
  }

  /**
   * A tool renamed because an earlier tool had its name, or because a built-in tool has it.
   *
   * @param original the name it would have had
   * @param assigned the name it got
   * @param function the WIT name of its function ({@code iface#name} or {@code name})
   * @param cause why it was renamed
   */
  public record Renaming(String original, String assigned, String function, Cause cause) {
    /** Why a tool was renamed. */
    public enum Cause {
      /** An earlier tool has the name. */
      TAKEN,
      /** A built-in tool has the name. */
      RESERVED
    }

    public Renaming {
      Objects.requireNonNull(original, "original");
      Objects.requireNonNull(assigned, "assigned");
      Objects.requireNonNull(function, "function");
      Objects.requireNonNull(cause, "cause");
    }

    @Override
    public String toString() {
      return function
          + ": tool name "
          + original
          + (cause == Cause.TAKEN ? " was taken, using " : " is a built-in tool's, using ")
          + assigned;
    }
  }
}
