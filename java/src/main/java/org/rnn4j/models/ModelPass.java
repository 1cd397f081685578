package org.rnn4j.models;

import org.rnn4j.nn.LossValue;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.train.TrainingPass;

/** A training pass of a model: its loss, final state and the backward that runs once. */
final class ModelPass implements TrainingPass {
    private final LossValue loss;
    private final RnnState finalState;
    private final boolean outputsOnly;
    private Runnable backward;

    ModelPass(LossValue loss, RnnState finalState, Runnable backward) {
        this(loss, finalState, backward, false);
    }

    private ModelPass(LossValue loss, RnnState finalState, Runnable backward, boolean outputsOnly) {
        this.loss = loss;
        this.finalState = finalState;
        this.backward = backward;
        this.outputsOnly = outputsOnly;
    }

    /** A pass that computed no final state ({@link #finalState()} throws). */
    static ModelPass outputsOnly(LossValue loss, Runnable backward) {
        return new ModelPass(loss, null, backward, true);
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
        if (outputsOnly) {
            throw new IllegalStateException("this pass ran outputs only (Trainable.forwardOutputsOnly) and computed"
                    + " no final state; use forward(batch) to read it");
        }
        return finalState;
    }
}
