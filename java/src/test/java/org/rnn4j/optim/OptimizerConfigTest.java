package org.rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The optimizer records: checked when made (messages name argument, expected, actual), withers, state names. */
class OptimizerConfigTest {

    @Test
    void configsRejectOutOfRangeHyperParameters() {
        assertRejected("learningRate must be finite and >= 0, got -0.1", () -> Sgd.lr(-0.1));
        assertRejected("momentum must be in [0, 1), got 1.0",
                () -> Sgd.lr(0.1).momentum(1.0));
        assertRejected("momentum must be > 0 for Nesterov momentum, got 0.0",
                () -> Sgd.lr(0.1).nesterov(0));
        assertRejected("kind must not be null", () -> new Sgd(0.1, 0.5, null, 0));
        assertRejected("beta2 must be in [0, 1), got 1.0", () -> Adam.lr(0.1).betas(0.9, 1.0));
        assertRejected("epsilon must be finite and > 0, got 0.0", () -> Adam.lr(0.1).epsilon(0));
        assertRejected("weightDecay must be finite and >= 0, got NaN",
                () -> Adam.lr(0.1).weightDecay(Double.NaN));
        assertRejected("alpha must be in [0, 1), got -0.5", () -> RmsProp.lr(0.1).alpha(-0.5));
        assertRejected("learningRate must be finite and >= 0, got Infinity",
                () -> RmsProp.lr(Double.POSITIVE_INFINITY));
    }

    @Test
    void learningRateWitherKeepsTheOtherHyperParameters() {
        Adam adam = Adam.lr(0.1).betas(0.8, 0.9).epsilon(1e-6).weightDecay(0.2);
        assertEquals(new Adam(0.05, 0.8, 0.9, 1e-6, 0.2), adam.learningRate(0.05));
        AdamW adamW = AdamW.lr(0.1).weightDecay(0.3);
        assertEquals(new AdamW(0.5, 0.9, 0.999, 1e-8, 0.3), adamW.learningRate(0.5));
        Sgd sgd = Sgd.lr(0.1).nesterov(0.9).weightDecay(0.01);
        assertEquals(new Sgd(0.2, 0.9, Sgd.Momentum.NESTEROV, 0.01), sgd.learningRate(0.2));
        RmsProp rmsProp = RmsProp.lr(0.1).alpha(0.9).epsilon(1e-4).momentum(0.5).weightDecay(0.1);
        assertEquals(new RmsProp(0.3, 0.9, 1e-4, 0.1, 0.5), rmsProp.learningRate(0.3));
        assertRejected("learningRate must be finite and >= 0, got -1.0", () -> sgd.learningRate(-1));
    }

    @Test
    void stateNamesFollowTheMomentum() {
        assertEquals(List.of(), Sgd.lr(0.1).stateNames());
        assertEquals(List.of("momentum_buffer"), Sgd.lr(0.1).momentum(0.9).stateNames());
        assertEquals(List.of("square_avg"), RmsProp.lr(0.1).stateNames());
        assertEquals(List.of("square_avg", "momentum_buffer"), RmsProp.lr(0.1).momentum(0.5).stateNames());
        assertEquals(List.of("exp_avg", "exp_avg_sq"), AdamW.lr(0.1).stateNames());
    }

    private static void assertRejected(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
    }
}
