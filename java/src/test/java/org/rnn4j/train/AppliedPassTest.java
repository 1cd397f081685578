package org.rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rnn4j.backend.Backend;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.optim.Adam;
import org.rnn4j.rnn.RnnState;

/**
 * A pass whose update was made where it ran ({@link AppliedPass}): the trainer neither clips nor steps, reports
 * the pass's norm, and counts the update (skipped when the norm is not finite).
 */
class AppliedPassTest {

    @Test
    void theTrainerNeitherClipsNorStepsAndReportsTheNorm() {
        List<StepReport> reports = new ArrayList<>();
        try (LanguageModel model = LanguageModel.builder(5).embedding(3).recurrent(Recurrent.gru(4)).seed(1)
                .backend(Backend.JVM).build();
             Trainer<TokenBatch> trainer = Trainer.builder(new Applied(model, new double[] {0.25, Double.NaN}))
                     .optimizer(Adam.lr(0.1)).clipNorm(0.01).listener(new TrainingListener() {
                         @Override
                         public void onStep(StepReport report) {
                             reports.add(report);
                         }
                     }).build()) {
            List<float[]> before = values(model.parameters());
            TokenBatch batch = TokenBatch.nextToken(List.of(new int[] {1, 2, 3, 4, 0, 1}));
            trainer.fit(Dataset.of(List.of(batch)), null, Epochs.of(2));
            assertEquals(2, trainer.step(), "both updates counted");
            assertEquals(0, trainer.optimizer().steps(), "the trainer's optimizer did not step");
            List<float[]> after = values(model.parameters());
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), "parameter " + i + " unchanged");
            }
            assertEquals(0.25, reports.get(0).gradientNorm());
            assertFalse(reports.get(0).skipped());
            assertTrue(reports.get(1).skipped(), "a non-finite norm marks the update skipped");
            assertTrue(reports.get(0).loss().mean() > 0);
        }
    }

    private static List<float[]> values(List<Parameter> parameters) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : parameters) {
            out.add(p.value().toFloatArray());
        }
        return out;
    }

    /** The model's own forward, wrapped as passes made elsewhere with the given norms, one per update. */
    private static final class Applied implements Trainable<TokenBatch> {
        private final LanguageModel model;
        private final double[] norms;
        private int updates;

        Applied(LanguageModel model, double[] norms) {
            this.model = model;
            this.norms = norms;
        }

        @Override
        public List<Parameter> parameters() {
            return model.parameters();
        }

        @Override
        public Backend backend() {
            return model.backend();
        }

        @Override
        public void seed(long seed) {
            model.seed(seed);
        }

        @Override
        public TrainingPass forward(TokenBatch batch) {
            TrainingPass real = model.forward(batch);
            double norm = norms[updates++];
            return new AppliedPass() {
                @Override
                public double gradientNorm() {
                    return norm;
                }

                @Override
                public LossValue loss() {
                    return real.loss();
                }

                @Override
                public void backward() {
                }

                @Override
                public RnnState finalState() {
                    return real.finalState();
                }
            };
        }

        @Override
        public LossValue evaluate(TokenBatch batch) {
            return model.evaluate(batch);
        }
    }
}
