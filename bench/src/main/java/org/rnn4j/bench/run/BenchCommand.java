package org.rnn4j.bench.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.rnn4j.backend.onednn.NativeLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark behind scripts/bench.sh: every row of issue 9 measured in one run (native through the Java
 * API, raw oneDNN from C++, the JVM backend, the scalar baseline, the sgemm limit), the char-LM update,
 * then the Markdown tables, the PNG chart and the JSON array.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Times rnn4j's native path against raw oneDNN, the pure-JVM backend, plain scalar Java and "
                + "oneDNN's sgemm limit on the standard RNN shapes; writes BENCHMARKS.md-style tables, a PNG chart "
                + "and (--json) one JSON object per row.",
                "Quick mode: fixed short budgets, GRU 1500,1,1024 on 300 steps; under ~15 minutes on 2 cores."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Short fixed budgets (the whole table in ~15 minutes on 2 cores).")
    private boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the rows as a JSON array to FILE.")
    private Path json;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the tables, chart and JSON go "
            + "(default ${DEFAULT-VALUE}).")
    private Path out = Path.of("bench/target");

    @Option(names = "--rows", paramLabel = "FILTER", description = "Only rows whose name contains FILTER or matches "
            + "it as a regular expression, e.g. 'lstm training 50,64,512' or 'inference' (case-insensitive).")
    private String rows;

    @Option(names = "--busy", description = "Only the busy-machine check: a training step at LSTM 25,16,256 quiet, "
            + "then beside one busy process; last line 'busy/quiet: R.RRx'.")
    private boolean busy;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--split", description = "Only the split of a real model's training update (embedding -> RNN -> "
            + "linear -> cross-entropy -> Adam) at 25,16,256 and 100,32,128 into time inside oneDNN primitives and "
            + "outside them.")
    private boolean split;

    @Option(names = "--threads", paramLabel = "P", description = "oneDNN threads (default ${DEFAULT-VALUE}).")
    private int threads = 2;

    @Option(names = "--charlm-updates", paramLabel = "K", description = "Timed char-LM updates per backend, 0 = "
            + "skip the char-LM step (default: 3 quick, 10 full).")
    private Integer charLmUpdates;

    @Option(names = "--raw-bench", paramLabel = "PATH", description = "The C++ bench binary (default "
            + "${DEFAULT-VALUE}).")
    private Path rawBench = Path.of("presets/target/cmake/cpp/rnn4j_bench");

    @Override
    public Integer call() throws IOException {
        if (threads < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--threads must be >= 1, got " + threads);
        }
        if (charLmUpdates != null && charLmUpdates < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--charlm-updates must be >= 0, got "
                    + charLmUpdates);
        }
        NativeLibrary.ensureLoaded();
        NativeLibrary.setThreads(threads);
        PrintStream log = System.out;
        if (busy) {
            // The default a user gets (one thread per core, fewer while other processes want them) unless
            // --threads fixes the count.
            boolean fixed = spec.commandLine().getParseResult().hasMatchedOption("--threads");
            NativeLibrary.setThreads(fixed ? threads : 0);
            log.println("threads: " + (fixed ? threads + " (fixed by --threads)"
                    : "the default (one per core, fewer while other processes want the cores)"));
            BusyCheck.run(log);
            return 0;
        }
        if (split) {
            List<Map<String, Object>> rowsOut = StepSplit.run(log, quick ? 100 : 400);
            if (json != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), rowsOut);
            }
            return 0;
        }
        List<BenchRow> selected = BenchRows.filter(BenchRows.standard(quick), rows);
        if (selected.isEmpty()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--rows '" + rows + "' matches no row");
        }
        if (!Files.isExecutable(rawBench)) {
            throw new CommandLine.ParameterException(new CommandLine(this), rawBench
                    + " is missing: build first (scripts/build.sh)");
        }
        Budgets budgets = quick ? Budgets.quick() : Budgets.full();
        String mode = quick ? "quick" : "full";
        Map<String, Object> machine = Machine.describe(threads, Machine.loadAverage(), Path.of("."));
        log.println("rnn4j bench (" + mode + "): " + Machine.describeLine(machine));
        RawOnednn raw = new RawOnednn(rawBench, threads);
        List<Map<String, Object>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < selected.size(); i++) {
            BenchRow row = selected.get(i);
            Map<String, Object> r = RowRun.measure(row, budgets, raw, threads, machine);
            results.add(r);
            log.printf(Locale.ROOT, "[%d/%d %.0fs] %-48s native %8.2f ms (%6.1f GF/s) raw %8.2f ms  JVM %9.1f ms "
                    + "(%5.2f GF/s)  scalar %9.0f ms  limit %6.1f GF/s%n", i + 1, selected.size(),
                    (System.nanoTime() - start) / 1e9, row.name(), r.get("native_ms"), r.get("native_gflops"),
                    r.get("raw_onednn_ms"), r.get("jvm_backend_ms"), r.get("jvm_backend_gflops"), r.get("scalar_ms"),
                    r.get("limit_gflops"));
        }
        int updates = charLmUpdates != null ? charLmUpdates : budgets.charLmSteps();
        Map<String, Object> charLm = updates > 0 ? CharLmStep.measure(updates) : null;
        if (charLm != null) {
            log.printf(Locale.ROOT, "char LM update: native %s ms (%s chars/s), JVM %s ms (%s chars/s)%n",
                    charLm.get("native_ms"), charLm.get("native_chars_per_s"), charLm.get("jvm_ms"),
                    charLm.get("jvm_chars_per_s"));
        }
        String loadAfter = Machine.loadAverage();
        machine.put("load_after", loadAfter);
        write(mode, machine, loadAfter, results, charLm);
        log.printf(Locale.ROOT, "done in %.0f s; wrote %s%n", (System.nanoTime() - start) / 1e9,
                out.resolve("BENCHMARKS.md") + (json != null ? " and " + json : ""));
        return 0;
    }

    private void write(String mode, Map<String, Object> machine, String loadAfter, List<Map<String, Object>> results,
                       Map<String, Object> charLm) throws IOException {
        Files.createDirectories(out);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(out.resolve("BENCHMARKS.md"), ResultsTable.markdown(mode, machine, loadAfter, results, charLm)
                + "\n![GF/s per row and backend](bench-chart.png)\n", StandardCharsets.UTF_8);
        ResultsChart.save(results, "rnn4j " + mode + " benchmark, " + machine.get("cpu") + ", " + threads
                + " threads", out.resolve("bench-chart.png"));
        mapper.writeValue(out.resolve("bench-rows.json").toFile(), results);
        Map<String, Object> run = new LinkedHashMap<>(machine);
        run.put("mode", mode);
        run.put("charlm", charLm);
        mapper.writeValue(out.resolve("bench-run.json").toFile(), run);
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            mapper.writeValue(json.toFile(), results);
        }
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println("bench: " + e.getMessage());
            return 2;
        });
        System.exit(cli.execute(args));
    }
}
