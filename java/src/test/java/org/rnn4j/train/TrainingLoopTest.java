package org.rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.rnn4j.backend.Backend;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.optim.Sgd;

/**
 * The loop: what ends a fit (epochs, steps, wall-clock time, early stopping) and the summary naming it,
 * validation after every N updates exactly, the order of events, listeners added after the build.
 */
class TrainingLoopTest {
    /** Four batches per epoch. */
    private static final List<TokenBatch> DATA = Collections.nCopies(4, TokenBatch.of(List.of(new int[3])));

    @Test
    void theTimeBudgetEndsTheFitAtTheFirstUpdateAfterItIsUp() {
        AtomicLong nanos = new AtomicLong();
        try (TensorScope scope = TensorScope.open();
             Trainer<TokenBatch> trainer = Trainer.builder(new CountingModel()).optimizer(Sgd.lr(0.1))
                     .nanoClock(nanos::get).listener(new TrainingListener() {
                         @Override
                         public void onStep(StepReport report) {
                             nanos.addAndGet(1_000_000_000L);                // each update takes 1 s
                         }
                     }).build()) {
            TrainingSummary summary = trainer.fit(DATA, null, Epochs.of(100).maxTime(Duration.ofMillis(5500)));
            assertEquals(StopReason.TIME, summary.stopReason());
            assertEquals(6, summary.steps(), "5 s < 5.5 s before the 6th update, 6 s after it");
            TrainingSummary next = trainer.fit(DATA, null, Epochs.minutes(1));
            assertEquals(StopReason.TIME, next.stopReason());
            assertEquals(6 + 60, next.steps(), "each fit has its own time, continuing the run");
        }
    }

    @Test
    void theTimeBudgetHoldsOnTheWallClock() {
        long budget = 300;
        try (TensorScope scope = TensorScope.open();
             Trainer<TokenBatch> trainer = Trainer.builder(new SlowModel(new CountingModel(), 10))
                     .optimizer(Sgd.lr(0.1)).build()) {
            long start = System.nanoTime();
            TrainingSummary summary = trainer.fit(DATA, null, Epochs.of(1_000_000).maxTime(Duration.ofMillis(budget)));
            double elapsed = (System.nanoTime() - start) / 1e6;
            assertEquals(StopReason.TIME, summary.stopReason());
            assertTrue(elapsed >= budget, "stopped after " + elapsed + " ms of " + budget);
            assertTrue(elapsed < budget + 1000, "one 10 ms update past the budget at most, took " + elapsed + " ms");
            assertTrue(summary.steps() >= 2 && summary.steps() <= budget / 10 + 1, "steps " + summary.steps());
        }
    }

    @Test
    void theSummaryNamesWhatEndedTheFit() {
        try (TensorScope scope = TensorScope.open();
             Trainer<TokenBatch> a = Trainer.builder(new CountingModel()).build();
             Trainer<TokenBatch> b = Trainer.builder(new CountingModel()).build();
             Trainer<TokenBatch> c = Trainer.builder(new CountingModel()).build()) {
            TrainingSummary epochs = a.fit(DATA, null, Epochs.of(2));
            assertEquals(StopReason.EPOCHS, epochs.stopReason());
            assertEquals(8, epochs.steps());
            TrainingSummary steps = b.fit(DATA, null, Epochs.of(2).maxSteps(3));
            assertEquals(StopReason.STEPS, steps.stopReason());
            assertEquals(3, steps.steps());
            assertEquals(0, steps.epochs());
            TrainingSummary both = c.fit(DATA, DATA, Epochs.of(1).maxSteps(4));
            assertEquals(StopReason.EPOCHS, both.stopReason(), "epochs come first when both end at once");
            assertEquals(1, both.epochs(), "the epoch was completed, its validation included");
            assertEquals(1, both.bestValidation(), 0);
        }
        assertThrows(IllegalArgumentException.class, () -> Epochs.of(1).maxTime(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ValidationSchedule.everySteps(0));
    }

    @Test
    void validationRunsAfterEveryNthUpdateExactlyAndBetweenStepAndStepEnd() {
        List<String> events = new ArrayList<>();
        try (TensorScope scope = TensorScope.open();
             Trainer<TokenBatch> trainer = Trainer.builder(new CountingModel())
                     .validateEvery(ValidationSchedule.everySteps(5)).listener(recorder(events)).build()) {
            trainer.fit(DATA, DATA, Epochs.of(3));
        }
        assertEquals(List.of("validation 5 epoch 1", "validation 10 epoch 2"),
                events.stream().filter(e -> e.startsWith("validation")).toList(), "12 updates, none at epoch ends");
        int at = events.indexOf("validation 5 epoch 1");
        assertEquals(List.of("step 5", "validation 5 epoch 1", "end 5", "step 6"), events.subList(at - 1, at + 3));
    }

    @Test
    void validationAfterEveryEpochOrEveryKthEpoch() {
        List<String> everyEpoch = new ArrayList<>();
        List<String> everySecond = new ArrayList<>();
        try (TensorScope scope = TensorScope.open();
             Trainer<TokenBatch> a = Trainer.builder(new CountingModel()).listener(recorder(everyEpoch)).build();
             Trainer<TokenBatch> b = Trainer.builder(new CountingModel()).listener(recorder(everySecond))
                     .validateEvery(ValidationSchedule.everyEpochs(2)).build()) {
            a.fit(DATA, DATA, Epochs.of(3));
            b.fit(DATA, DATA, Epochs.of(3));
        }
        assertEquals(List.of("validation 4 epoch 0", "validation 8 epoch 1", "validation 12 epoch 2"),
                everyEpoch.stream().filter(e -> e.startsWith("validation")).toList());
        assertEquals(List.of("validation 8 epoch 1"),
                everySecond.stream().filter(e -> e.startsWith("validation")).toList());
    }

    @Test
    void earlyStoppingOnValidationsEveryNUpdatesStopsInsideAnEpoch() {
        CountingModel model = new CountingModel();
        try (TensorScope scope = TensorScope.open();
             Trainer<TokenBatch> trainer = Trainer.builder(model).earlyStopping(EarlyStopping.patience(2))
                     .validateEvery(ValidationSchedule.everySteps(2)).build()) {
            TrainingSummary summary = trainer.fit(DATA, DATA, Epochs.of(10));
            assertEquals(StopReason.EARLY_STOPPING, summary.stopReason());
            assertTrue(summary.stoppedEarly());
            assertEquals(6, summary.steps(), "2 improves on +∞; 4 and 6 do not");
            assertEquals(1, summary.epochs());
        }
    }

    @Test
    void listenersAddedAfterTheBuildHearTheEventsFromThen() {
        List<String> early = new ArrayList<>();
        List<String> late = new ArrayList<>();
        try (TensorScope scope = TensorScope.open();
             Trainer<TokenBatch> trainer = Trainer.builder(new CountingModel()).build()) {
            trainer.addListener(recorder(early));
            trainer.addListener(new TrainingListener() {
                @Override
                public void onStep(StepReport report) {
                    if (report.step() == 2) {
                        trainer.addListener(recorder(late));     // from inside an event
                    }
                }
            });
            trainer.fit(DATA, null, Epochs.of(1));
        }
        assertEquals(List.of("epoch 0", "step 1", "end 1", "step 2", "end 2", "step 3", "end 3", "step 4", "end 4",
                "epoch end 0", "fit end"), early);
        assertEquals(List.of("end 2", "step 3", "end 3", "step 4", "end 4", "epoch end 0", "fit end"), late);
    }

    /** Records every event as a short string. */
    static TrainingListener recorder(List<String> events) {
        return new TrainingListener() {
            @Override
            public void onEpochStart(int epoch, int batches) {
                events.add("epoch " + epoch);
            }

            @Override
            public void onStep(StepReport report) {
                events.add("step " + report.step());
            }

            @Override
            public void onStepEnd(long step) {
                events.add("end " + step);
            }

            @Override
            public void onEpochEnd(int epoch) {
                events.add("epoch end " + epoch);
            }

            @Override
            public void onValidation(ValidationReport report) {
                events.add("validation " + report.step() + " epoch " + report.epoch());
            }

            @Override
            public void onEnd() {
                events.add("fit end");
            }
        };
    }

    /** A model whose training forward takes {@code millis} of wall clock. */
    record SlowModel(Trainable<TokenBatch> inner, long millis) implements Trainable<TokenBatch> {
        @Override
        public List<Parameter> parameters() {
            return inner.parameters();
        }

        @Override
        public Backend backend() {
            return inner.backend();
        }

        @Override
        public void seed(long seed) {
        }

        @Override
        public TrainingPass forward(TokenBatch batch) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return inner.forward(batch);
        }

        @Override
        public LossValue evaluate(TokenBatch batch) {
            return inner.evaluate(batch);
        }
    }
}
