package org.rnn4j.bench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.rnn4j.CellKind;
import org.rnn4j.Precision;
import org.rnn4j.bench.run.BenchRow.Lengths;
import org.rnn4j.bench.run.BenchRow.Mode;

/** The rows of issue 9: DeepBench/benchdnn shapes, the everyday training shapes, fixed and variable lengths. */
public final class BenchRows {
    /** Quick mode runs GRU 1500,1,1024 inference on this many steps (and says so). */
    static final int QUICK_GRU_STEPS = 300;

    private BenchRows() {
    }

    /** Every row, in table order, with the bf16 rows where the CPU has bf16 ({@link Precision#bf16Supported()}). */
    public static List<BenchRow> standard(boolean quick) {
        return standard(quick, Precision.bf16Supported());
    }

    /**
     * Every row, in table order; {@code quick} shortens GRU 1500,1,1024 to {@value #QUICK_GRU_STEPS} steps;
     * {@code bf16} adds the everyday training shapes in bf16.
     */
    public static List<BenchRow> standard(boolean quick, boolean bf16) {
        List<BenchRow> rows = new ArrayList<>();
        // DeepBench / benchdnn
        rows.add(one(CellKind.RNN_TANH, Mode.INFERENCE, Lengths.FIXED, 672, 1, 32));
        rows.add(one(CellKind.LSTM, Mode.INFERENCE, Lengths.FIXED, 150, 1, 256));
        rows.add(one(CellKind.LSTM, Mode.INFERENCE, Lengths.FIXED, 25, 4, 1024));
        rows.add(quick
                ? new BenchRow(CellKind.GRU, Mode.INFERENCE, Lengths.FIXED, 1, 1, QUICK_GRU_STEPS, 1, 1024, 1024, 1500)
                : one(CellKind.GRU, Mode.INFERENCE, Lengths.FIXED, 1500, 1, 1024));
        rows.add(one(CellKind.LSTM, Mode.INFERENCE, Lengths.FIXED, 50, 64, 512));
        rows.add(one(CellKind.LSTM, Mode.TRAINING, Lengths.FIXED, 25, 64, 512));
        rows.add(one(CellKind.RNN_TANH, Mode.TRAINING, Lengths.FIXED, 50, 32, 1760));
        rows.add(one(CellKind.LBR_GRU, Mode.TRAINING, Lengths.FIXED, 629, 128, 128));
        rows.add(one(CellKind.LSTM, Mode.TRAINING, Lengths.FIXED, 25, 128, 1024));
        // the everyday training shapes, fixed then variable lengths
        int[][] everyday = {{50, 64, 512}, {25, 16, 256}, {100, 32, 128}};
        for (Lengths lengths : Lengths.values()) {
            for (int[] s : everyday) {
                for (CellKind cell : new CellKind[] {CellKind.LSTM, CellKind.LBR_GRU, CellKind.RNN_TANH}) {
                    rows.add(one(cell, Mode.TRAINING, lengths, s[0], s[1], s[2]));
                }
            }
        }
        rows.add(new BenchRow(CellKind.LSTM, Mode.TRAINING, Lengths.FIXED, 2, 2, 50, 64, 512, 512, 0));
        // the everyday training shapes again in bf16 (fixed lengths), where the CPU has it (issue 10, target 4)
        if (bf16) {
            for (int[] s : everyday) {
                for (CellKind cell : new CellKind[] {CellKind.LSTM, CellKind.LBR_GRU, CellKind.RNN_TANH}) {
                    rows.add(one(cell, Mode.TRAINING, Lengths.FIXED, s[0], s[1], s[2]).in(Precision.BF16));
                }
            }
        }
        return rows;
    }

    /** The rows whose {@link BenchRow#name()} contains {@code filter} (case-insensitive) or matches it as a regex. */
    public static List<BenchRow> filter(List<BenchRow> rows, String filter) {
        if (filter == null || filter.isBlank()) {
            return rows;
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(filter, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            pattern = Pattern.compile(Pattern.quote(filter), Pattern.CASE_INSENSITIVE);
        }
        List<BenchRow> out = new ArrayList<>();
        for (BenchRow row : rows) {
            if (row.name().toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT))
                    || pattern.matcher(row.name()).find()) {
                out.add(row);
            }
        }
        return out;
    }

    private static BenchRow one(CellKind cell, Mode mode, Lengths lengths, int t, int n, int h) {
        return new BenchRow(cell, mode, lengths, 1, 1, t, n, h, h, 0);
    }
}
