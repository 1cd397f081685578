package org.rnn4j.models;

import org.rnn4j.nn.LossValue;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.train.TrainingPass;

/** A training pass of a model: its loss, final state and the backward that runs once. */
final class ModelPass implements TrainingPass {
    private final LossValue loss;
    private final RnnState finalState;
    private Runnable backward;

    ModelPass(LossValue loss, RnnState finalState, Runnable backward) {
        this.loss = loss;
        this.finalState = finalState;
        this.backward = backward;
    }

    @Override
    public LossValue loss() {
        return loss;
    }

    @Override
    public void backward() {
        if (backward == null) {
            throw new IllegalStateException("backward has already run for this pass");
        }
        Runnable run = backward;
        backward = null;
        run.run();
    }

    @Override
    public RnnState finalState() {
        return finalState;
    }
}
