package org.rnn4j.bench.run;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The BENCHMARKS.md-style Markdown of a run: the machine, the rows, the char-LM step, the targets. */
final class ResultsTable {
    private ResultsTable() {
    }

    static String markdown(String mode, Map<String, Object> machine, String loadAfter, List<Map<String, Object>> rows,
                           Map<String, Object> charLm) {
        StringBuilder s = new StringBuilder();
        s.append("## Results (").append(mode).append(" run)\n\n");
        s.append("Machine: ").append(Machine.describeLine(machine)).append(".  \n");
        s.append("OMP_WAIT_POLICY ").append(machine.get("omp_wait_policy")).append("; load average before ")
                .append(machine.get("load_before")).append(", after ").append(loadAfter)
                .append(" (anything above ~0.1 means something else was running).\n\n");
        s.append("Times are medians in ms, GF/s in parentheses (FLOPs on real steps). \"JVM backend\" is rnn4j's "
                + "pure-JVM backend (" + machine.get("jvm_backend_threads") + " threads), \"scalar\" the plain "
                + "single-threaded Java baseline; "
                + "[T=k] (and N=m) means timed on k steps (and m sequences) and scaled to the row's real steps. "
                + "Raw oneDNN of a variable-length "
                + "row runs the padded batch.\n\n");
        s.append("| row | real | native | raw oneDNN | native/raw | JVM backend | scalar | limit GF/s | of limit "
                + "| native/JVM | native/scalar | peak native MB | peak RSS MB |\n");
        s.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : rows) {
            String name = (String) r.get("name");
            if (r.containsKey("shortened_from_T")) {
                name += " (T shortened from " + r.get("shortened_from_T") + ")";
            }
            s.append(String.format(Locale.ROOT,
                    "| %s | %.2f | %s (%s) | %s | %.2f | %s (%s)%s | %s (%s)%s | %.0f | %s %% | %.1fx | %.0fx "
                            + "| %.0f | %.0f |%n",
                    name, num(r, "real_fraction"), ms(num(r, "native_ms")), gf(num(r, "native_gflops")),
                    ms(num(r, "raw_onednn_ms")), num(r, "native_over_raw"), ms(num(r, "jvm_backend_ms")),
                    gf(num(r, "jvm_backend_gflops")), scaled(r, "jvm_scaled_from_T"), ms(num(r, "scalar_ms")),
                    gf(num(r, "scalar_gflops")), scaled(r, "scalar_scaled_from_T"), num(r, "limit_gflops"),
                    percent(num(r, "fraction_of_limit")), num(r, "native_over_jvm"), num(r, "native_over_scalar"),
                    num(r, "peak_native_mb"), num(r, "peak_rss_mb")));
        }
        if (charLm != null) {
            s.append("\n### Char-LM training update (").append(charLm.get("model")).append(", ")
                    .append(charLm.get("chars_per_update")).append(" characters per update)\n\n");
            s.append("| backend | ms per update | characters/s |\n|---|---|---|\n");
            s.append(String.format(Locale.ROOT, "| native | %.1f | %,d |%n| JVM | %.1f | %,d |%n",
                    num(charLm, "native_ms"), ((Number) charLm.get("native_chars_per_s")).longValue(),
                    num(charLm, "jvm_ms"), ((Number) charLm.get("jvm_chars_per_s")).longValue()));
            s.append(String.format(Locale.ROOT, "%nnative/JVM: %.1fx%n", num(charLm, "native_over_jvm")));
        }
        s.append(targets(rows));
        return s.toString();
    }

    /** Issue 9's training targets and issue 10's overhead target, counted over this run's rows. */
    private static String targets(List<Map<String, Object>> rows) {
        int training = 0;
        int limit = 0;
        int jvm = 0;
        int scalar = 0;
        int fixed = 0;
        int overhead = 0;
        for (Map<String, Object> r : rows) {
            if ("fixed".equals(r.get("lengths"))) {
                fixed++;
                overhead += num(r, "native_over_raw") <= 1.05 ? 1 : 0;
            }
            if (!"training".equals(r.get("mode"))) {
                continue;
            }
            training++;
            limit += num(r, "fraction_of_limit") >= 0.85 ? 1 : 0;
            jvm += num(r, "native_over_jvm") >= 3 ? 1 : 0;
            scalar += num(r, "native_over_scalar") >= 20 ? 1 : 0;
        }
        int[] bf16 = bf16Speedups(rows);
        return String.format(Locale.ROOT, "%n### Targets in this run%n%n"
                + "| target | rows meeting it |%n|---|---|%n"
                + "| training: native >= 85 %% of the sgemm limit | %d of %d |%n"
                + "| training: native >= 3x the fastest JVM baseline | %d of %d |%n"
                + "| training: native >= 20x the scalar baseline | %d of %d |%n"
                + "| fixed lengths: native_ms <= 1.05 x raw_onednn_ms | %d of %d |%n"
                + "| bf16 training: native_ms <= f32 native_ms / 3 (same shape) | %d of %d |%n",
                limit, training, jvm, training, scalar, training, overhead, fixed, bf16[0], bf16[1]);
    }

    /** {bf16 training rows at least 3x faster than the f32 row of their shape, bf16 training rows with one}. */
    private static int[] bf16Speedups(List<Map<String, Object>> rows) {
        Map<String, Double> f32 = new java.util.HashMap<>();
        for (Map<String, Object> r : rows) {
            if ("f32".equals(r.get("precision"))) {
                f32.put(String.valueOf(r.get("name")), num(r, "native_ms"));
            }
        }
        int met = 0;
        int paired = 0;
        for (Map<String, Object> r : rows) {
            String name = String.valueOf(r.get("name"));
            if (!"bf16".equals(r.get("precision")) || !"training".equals(r.get("mode")) || !name.endsWith(" bf16")) {
                continue;
            }
            Double reference = f32.get(name.substring(0, name.length() - " bf16".length()));
            if (reference != null) {
                paired++;
                met += num(r, "native_ms") <= reference / 3 ? 1 : 0;
            }
        }
        return new int[] {met, paired};
    }

    private static double num(Map<String, Object> r, String key) {
        Object v = r.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String percent(double fraction) {
        double p = 100 * fraction;
        return String.format(Locale.ROOT, p < 10 ? "%.1f" : "%.0f", p);
    }

    private static String ms(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 1 ? String.format(Locale.ROOT, "%.2f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String gf(double v) {
        return v >= 10 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String scaled(Map<String, Object> r, String key) {
        int run = ((Number) r.get(key)).intValue();
        String t = run < ((Number) r.get("T")).intValue() ? "T=" + run : "";
        Object n = r.get(key.replace("_T", "_N"));
        String batch = n != null && ((Number) n).intValue() < ((Number) r.get("N")).intValue() ? "N=" + n : "";
        String both = t.isEmpty() ? batch : batch.isEmpty() ? t : t + " " + batch;
        return both.isEmpty() ? "" : " [" + both + "]";
    }
}
