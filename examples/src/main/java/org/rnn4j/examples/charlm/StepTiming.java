package org.rnn4j.examples.charlm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rnn4j.backend.Backend;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.StepReport;
import org.rnn4j.train.Trainer;
import org.rnn4j.train.TrainingListener;

/**
 * The same training update timed on two backends: a fresh model of the same config on each, the same
 * batch (N windows of k + 1 characters, so one update is exactly one truncated-BPTT chunk of the run),
 * one untimed warm-up update, then the median of a few timed ones.
 */
final class StepTiming {
    private StepTiming() {
    }

    /** Milliseconds per update of a model like {@code config} on {@code backend} (median of {@code timed}). */
    static double millisPerStep(LanguageModel.LanguageModelConfig config, Backend backend, int[] ids, int streams,
                                int chunk, double lr, double clip, int timed) {
        List<int[]> windows = new ArrayList<>();
        for (int n = 0; n < streams; n++) {
            int from = n * (chunk + 1);
            windows.add(Arrays.copyOfRange(ids, from, from + chunk + 1));
        }
        TokenBatch batch = TokenBatch.nextToken(windows);                         // [k, N]
        List<Double> seconds = new ArrayList<>();
        try (LanguageModel model = LanguageModel.create(config, backend);
             Trainer<TokenBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(lr)).clipNorm(clip)
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
}
