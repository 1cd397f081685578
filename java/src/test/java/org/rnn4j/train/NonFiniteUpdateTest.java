package org.rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.backend.Backend;
import org.rnn4j.models.RegressionBatch;
import org.rnn4j.models.SequenceRegressor;
import org.rnn4j.nn.Parameter;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.OptimizerConfig;
import org.rnn4j.optim.Sgd;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * An update whose gradient is finite but whose step would overflow f32 is skipped, with the weights and the
 * optimizer state left bit for bit as they were, and reported like a non-finite gradient.
 */
class NonFiniteUpdateTest {

    /** A target of 1e33: the output bias's gradient is about −1e33 (finite), SGD's step lr · g = 1e39 is not. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void sgdAtLr1e6WithAFiniteGradientIsSkippedAndChangesNothing(Backend backend) {
        RegressionBatch batch = RegressionData.withTarget(RegressionData.batches(1, 1).get(0), 1e33f);
        assertSkippedAndUnchanged(backend, Sgd.lr(1e6).momentum(0.9), 0, batch);
    }

    /** Adam's step is bounded by lr, but g² = 1e66 overflows its second moment: also skipped. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void adamWhoseSecondMomentWouldOverflowIsSkipped(Backend backend) {
        RegressionBatch batch = RegressionData.withTarget(RegressionData.batches(1, 1).get(0), 1e33f);
        assertSkippedAndUnchanged(backend, Adam.lr(1e-3), 2, batch);
    }

    /** {@code warmUp} plain updates first (non-zero state), then the one on {@code batch}. */
    private static void assertSkippedAndUnchanged(Backend backend, OptimizerConfig optimizer, int warmUp,
                                                  RegressionBatch batch) {
        List<StepReport> reports = new ArrayList<>();
        try (TensorScope scope = TensorScope.open(); SequenceRegressor model = RegressionData.model(backend);
             Trainer<RegressionBatch> trainer = Trainer.builder(model).optimizer(optimizer)
                     .listener(recorder(reports)).build()) {
            if (warmUp > 0) {
                trainer.fit(RegressionData.batches(3, warmUp), null, Epochs.of(1));
            }
            List<float[]> before = values(model.parameters());
            List<float[]> stateBefore = trainer.optimizer().state().values().stream().map(Tensor::toFloatArray).toList();
            long stepsBefore = trainer.optimizer().steps();
            trainer.fit(List.of(batch), null, Epochs.of(warmUp > 0 ? 2 : 1));     // one more epoch: one update
            StepReport last = reports.get(reports.size() - 1);
            assertTrue(Double.isFinite(last.gradientNorm()), "the gradient is finite: " + last.gradientNorm());
            assertTrue(last.skipped(), "the update is reported as skipped");
            assertEquals(warmUp + 1, last.step(), "a skipped update still counts as a step of the trainer");
            assertEquals(stepsBefore, trainer.optimizer().steps(), "the optimizer did not count it");
            List<float[]> after = values(model.parameters());
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), model.parameters().get(i).name() + " unchanged");
            }
            List<Tensor> stateAfter = List.copyOf(trainer.optimizer().state().values());
            for (int i = 0; i < stateBefore.size(); i++) {
                assertArrayEquals(stateBefore.get(i), stateAfter.get(i).toFloatArray(), "optimizer state unchanged");
            }
            for (int i = 0; i < warmUp; i++) {
                assertFalse(reports.get(i).skipped(), "the plain updates are applied");
            }
        }
    }

    private static List<float[]> values(List<Parameter> parameters) {
        return parameters.stream().map(p -> p.value().toFloatArray()).toList();
    }

    private static void assertAllFinite(String name, Tensor t) {
        for (float x : t.toFloatArray()) {
            assertTrue(Float.isFinite(x), name + " holds " + x);
        }
    }

    private static TrainingListener recorder(List<StepReport> reports) {
        return new TrainingListener() {
            @Override
            public void onStep(StepReport report) {
                reports.add(report);
            }
        };
    }
}
