package org.rnn4j.train;

import org.rnn4j.nn.LossValue;
import org.rnn4j.rnn.RnnState;

/** The result of a training forward: its loss, and the backward that adds every parameter's gradient. */
public interface TrainingPass {

    LossValue loss();

    /** Adds the gradient of {@link #loss()}'s mean to every parameter gradient; call once. */
    void backward();

    /** The recurrent state after each sequence's last step of this pass (carried by truncated BPTT). */
    RnnState finalState();
}
