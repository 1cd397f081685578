package org.rnn4j.train;

import org.rnn4j.nn.LossValue;
import org.rnn4j.rnn.RnnState;

/**
 * A truncated-BPTT chunk whose first steps ran as a gradient-free warm-up: the loss covers the whole
 * chunk, backward and the final state are those of the trained steps.
 */
record WarmedUpPass(LossValue warmUp, TrainingPass trained) implements TrainingPass {

    @Override
    public LossValue loss() {
        return warmUp.plus(trained.loss());
    }

    @Override
    public void backward() {
        trained.backward();
    }

    @Override
    public RnnState finalState() {
        return trained.finalState();
    }
}
