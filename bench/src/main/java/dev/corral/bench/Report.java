package dev.corral.bench;

import java.util.List;
import java.util.Map;

/** The markdown table of a run. */
final class Report {
  private Report() {}

  static String row(String figure, String corralWhat, String corral, String peerWhat, String peer) {
    return "| " + String.join(" | ", figure, corralWhat, corral, peerWhat, peer) + " |";
  }

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> results, List<String> rows) {
    Map<String, Object> machine = (Map<String, Object>) results.get("machine");
    StringBuilder b = new StringBuilder();
    b.append("<!-- written by bench/run.sh; see bench/README.md -->\n");
    b.append("Run ")
        .append(results.get("started"))
        .append(" to ")
        .append(results.get("finished"))
        .append(" on ")
        .append(machine.get("cpus"))
        .append(" CPUs (")
        .append(machine.get("cpu_model"))
        .append("), ")
        .append(machine.get("java"))
        .append(", Node ")
        .append(machine.get("node"))
        .append(", gcc ")
        .append(machine.get("gcc"))
        .append(".\n");
    b.append("Load average (1/5/15 min, runnable/total) before: `")
        .append(machine.get("load_before"))
        .append("`, after: `")
        .append(results.get("load_after"))
        .append("`.\n\n");
    b.append("| Figure | Corral | | Peer | |\n|---|---|---|---|---|\n");
    rows.forEach(r -> b.append(r).append('\n'));
    return b.toString();
  }
}
