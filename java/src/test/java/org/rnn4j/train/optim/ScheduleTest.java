package org.rnn4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Learning-rate schedules: values at known steps, composition, validation. */
class ScheduleTest {
    private static final double TOLERANCE = 1e-12;

    @Test
    void constantAndStepDecay() {
        assertEquals(1, Schedule.constant().factor(1000), TOLERANCE);
        Schedule step = Schedule.step(10, 0.5);
        assertEquals(1, step.factor(0), TOLERANCE);
        assertEquals(1, step.factor(9), TOLERANCE);
        assertEquals(0.5, step.factor(10), TOLERANCE);
        assertEquals(0.25, step.factor(25), TOLERANCE);
    }

    @Test
    void cosineFallsFromOneToItsFloorAndStays() {
        Schedule cosine = Schedule.cosine(100, 0.1);
        assertEquals(1, cosine.factor(0), TOLERANCE);
        assertEquals(0.55, cosine.factor(50), TOLERANCE);
        assertEquals(0.1, cosine.factor(100), TOLERANCE);
        assertEquals(0.1, cosine.factor(500), TOLERANCE);
    }

    @Test
    void warmUpThenCosine() {
        Schedule s = Schedule.linearWarmup(4).then(Schedule.cosine(10, 0));
        assertEquals(0.25, s.factor(0), TOLERANCE);
        assertEquals(0.75, s.factor(2), TOLERANCE);
        assertEquals(1, s.factor(4), TOLERANCE, "first step after the warm-up is cosine step 0");
        assertEquals(0.5, s.factor(9), TOLERANCE);
        assertEquals(0, s.factor(14), TOLERANCE);
        assertEquals(1, Schedule.linearWarmup(4).factor(100), TOLERANCE, "warm-up alone ends at 1");
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Schedule.step(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Schedule.step(10, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Schedule.cosine(10, -0.1));
        assertThrows(IllegalArgumentException.class, () -> Schedule.linearWarmup(0));
    }
}
