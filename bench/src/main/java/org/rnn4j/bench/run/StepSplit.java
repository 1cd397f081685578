package org.rnn4j.bench.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.rnn4j.backend.Backend;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.StepReport;
import org.rnn4j.train.Trainer;
import org.rnn4j.train.TrainingListener;

/**
 * Where a whole training update of a real model goes, at the shapes most user models have: embedding
 * (width H) → recurrent layer (H) → linear over a 96-token vocabulary → cross-entropy → Adam, trained by
 * the {@link Trainer} on the native backend. Between consecutive updates it reads the wall clock and
 * {@link NativeLibrary#primitiveNanoseconds()} (the time inside oneDNN primitives: recurrent, matmul and
 * reorders); what is left is rnn4j's own C++ ops (embedding, softmax cross-entropy, Adam), JNI, Java and
 * allocation. Reports the sums over the timed updates.
 */
final class StepSplit {
    static final int VOCABULARY = 96;

    /** One model shape: T steps, N sequences, H hidden (= embedding) width. */
    record Shape(String cell, int steps, int batch, int hidden) {
        RecurrentSpec recurrent() {
            return switch (cell) {
                case "lstm" -> Recurrent.lstm(hidden);
                case "lbr_gru" -> Recurrent.gru(hidden);
                default -> Recurrent.rnn(hidden);
            };
        }

        String name() {
            return cell + " " + steps + "," + batch + "," + hidden;
        }
    }

    static final List<Shape> SHAPES = List.of(new Shape("lstm", 25, 16, 256), new Shape("lstm", 100, 32, 128),
            new Shape("lbr_gru", 25, 16, 256), new Shape("lbr_gru", 100, 32, 128),
            new Shape("rnn_tanh", 25, 16, 256), new Shape("rnn_tanh", 100, 32, 128));

    private StepSplit() {
    }

    /** Times {@code timed} updates of every shape, prints a line each, and returns them as JSON objects. */
    static List<Map<String, Object>> run(PrintStream log, int timed) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Shape shape : SHAPES) {
            Map<String, Object> r = measure(shape, timed);
            rows.add(r);
            log.printf(Locale.ROOT, "%-22s update %7.3f ms: in oneDNN primitives %7.3f ms, outside %6.3f ms (%.1f %%)%n",
                    shape.name(), r.get("update_ms"), r.get("in_primitives_ms"), r.get("outside_ms"),
                    100 * (double) r.get("outside_fraction"));
        }
        return rows;
    }

    static Map<String, Object> measure(Shape shape, int timed) {
        SplittableRandom random = new SplittableRandom(5);
        List<int[]> windows = new ArrayList<>();
        for (int n = 0; n < shape.batch(); n++) {
            int[] w = new int[shape.steps() + 1];
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextInt(VOCABULARY);
            }
            windows.add(w);
        }
        TokenBatch batch = TokenBatch.nextToken(windows);
        int warmups = Math.max(10, timed / 5);
        long[] wall = new long[warmups + timed + 1];
        long[] inside = new long[warmups + timed + 1];
        int[] seen = {0};
        TrainingListener clock = new TrainingListener() {
            @Override
            public void onStep(StepReport report) {
                int k = seen[0]++;
                wall[k] = System.nanoTime();
                inside[k] = NativeLibrary.primitiveNanoseconds();
            }
        };
        try (LanguageModel model = LanguageModel.builder(VOCABULARY).embedding(shape.hidden())
                .recurrent(shape.recurrent()).seed(1).backend(Backend.NATIVE).build();
             Trainer<TokenBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(1e-3)).listener(clock).build()) {
            trainer.fit(List.of(batch), null, Epochs.of(Integer.MAX_VALUE).maxSteps(warmups + timed + 1L));
        }
        int first = warmups; // intervals between update `first` and the last one
        int last = seen[0] - 1;
        double wallMs = (wall[last] - wall[first]) / 1e6 / (last - first);
        double insideMs = (inside[last] - inside[first]) / 1e6 / (last - first);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", shape.name());
        m.put("model", "embedding " + shape.hidden() + " -> " + shape.cell() + " " + shape.hidden() + " -> linear "
                + VOCABULARY + " -> cross-entropy -> Adam");
        m.put("T", shape.steps());
        m.put("N", shape.batch());
        m.put("H", shape.hidden());
        m.put("timed_updates", last - first);
        m.put("update_ms", RowRun.round(wallMs));
        m.put("in_primitives_ms", RowRun.round(insideMs));
        m.put("outside_ms", RowRun.round(wallMs - insideMs));
        m.put("outside_fraction", RowRun.round((wallMs - insideMs) / wallMs));
        return m;
    }
}
