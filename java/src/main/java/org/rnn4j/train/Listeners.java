package org.rnn4j.train;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The trainer's listeners, each event passed to all of them in the order they were added; one may be
 * added at any time, even from inside an event (it hears the events after that one).
 */
final class Listeners implements TrainingListener {
    private final List<TrainingListener> all = new CopyOnWriteArrayList<>();

    void add(TrainingListener listener) {
        all.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void onEpochStart(int epoch, int batches) {
        for (TrainingListener l : all) {
            l.onEpochStart(epoch, batches);
        }
    }

    @Override
    public void onStep(StepReport report) {
        for (TrainingListener l : all) {
            l.onStep(report);
        }
    }

    @Override
    public void onStepEnd(long step) {
        for (TrainingListener l : all) {
            l.onStepEnd(step);
        }
    }

    @Override
    public void onEpochEnd(int epoch) {
        for (TrainingListener l : all) {
            l.onEpochEnd(epoch);
        }
    }

    @Override
    public void onValidation(ValidationReport report) {
        for (TrainingListener l : all) {
            l.onValidation(report);
        }
    }

    @Override
    public void onEnd() {
        for (TrainingListener l : all) {
            l.onEnd();
        }
    }
}
