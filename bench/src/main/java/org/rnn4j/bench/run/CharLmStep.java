package org.rnn4j.bench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.rnn4j.backend.Backend;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.StepReport;
import org.rnn4j.train.Trainer;
import org.rnn4j.train.TrainingListener;

/**
 * A whole training update of the main job's char LM (train-charlm's defaults: embedding 48 → LSTM 256 →
 * linear over a 96-character vocabulary, 32 streams × 100 characters, Adam 3e-3, clip 1): forward, loss,
 * backward, clipping and the optimizer step, timed by the {@link Trainer}. The characters are seeded random
 * ids (the time of an update does not depend on the text). Characters/s = 32 · 100 / the median update.
 */
final class CharLmStep {
    static final int VOCABULARY = 96;
    static final int EMBEDDING = 48;
    static final int HIDDEN = 256;
    static final int STREAMS = 32;
    static final int CHUNK = 100;

    private CharLmStep() {
    }

    /** Median milliseconds of {@code timed} updates on {@code backend}, after one warm-up update. */
    static double millisPerUpdate(Backend backend, int timed) {
        SplittableRandom random = new SplittableRandom(3);
        List<int[]> windows = new ArrayList<>();
        for (int n = 0; n < STREAMS; n++) {
            int[] w = new int[CHUNK + 1];
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextInt(VOCABULARY);
            }
            windows.add(w);
        }
        TokenBatch batch = TokenBatch.nextToken(windows); // [k, N]
        List<Double> seconds = new ArrayList<>();
        try (LanguageModel model = LanguageModel.builder(VOCABULARY).embedding(EMBEDDING)
                .recurrent(Recurrent.lstm(HIDDEN)).seed(1).backend(backend).build();
             Trainer<TokenBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(3e-3)).clipNorm(1.0)
                     .listener(new TrainingListener() {
                         @Override
                         public void onStep(StepReport report) {
                             seconds.add(report.seconds());
                         }
                     }).build()) {
            trainer.fit(List.of(batch), null, Epochs.of(Integer.MAX_VALUE).maxSteps(1L + timed));
        }
        double[] sorted = seconds.subList(1, seconds.size()).stream().mapToDouble(Double::doubleValue).sorted()
                .toArray();
        return 1000 * sorted[sorted.length / 2];
    }

    /** Both backends, as the JSON object written beside the rows. */
    static Map<String, Object> measure(int timed) {
        double nativeMs = millisPerUpdate(Backend.NATIVE, timed);
        double jvmMs = millisPerUpdate(Backend.JVM, timed);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", "embedding " + EMBEDDING + " -> LSTM " + HIDDEN + " -> linear " + VOCABULARY);
        m.put("streams", STREAMS);
        m.put("chars_per_update", STREAMS * CHUNK);
        m.put("timed_updates", timed);
        m.put("native_ms", RowRun.round(nativeMs));
        m.put("native_chars_per_s", Math.round(STREAMS * CHUNK / (nativeMs / 1000)));
        m.put("jvm_ms", RowRun.round(jvmMs));
        m.put("jvm_chars_per_s", Math.round(STREAMS * CHUNK / (jvmMs / 1000)));
        m.put("native_over_jvm", RowRun.round(jvmMs / nativeMs));
        return m;
    }
}
