package org.rnn4j.spark;

import org.rnn4j.nn.LossValue;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.train.AppliedPass;

/**
 * Update j of a round, as the driver's trainer sees it: the global loss of the partitions' local update j,
 * the mean of their gradient norms, and — for the round's last update — a backward that installs the
 * averaged parameters and optimizer state and the final state of the round; the updates before it keep
 * the driver's parameters and carried state as they were at the round's start.
 */
final class RoundPass implements AppliedPass {
    private final Rounds.Round round;
    private final int update;
    private final RnnState carried;
    private boolean done;

    /** @param carried the driver's carried state passed to this update's forward (null: none) */
    RoundPass(Rounds.Round round, int update, RnnState carried) {
        this.round = round;
        this.update = update;
        this.carried = carried;
    }

    private boolean last() {
        return update == round.updates() - 1;
    }

    @Override
    public LossValue loss() {
        RoundSum sum = round.sum();
        if (sum.weights[update] == 0) {
            return LossValue.NONE;
        }
        return new LossValue(sum.lossSums[update] / sum.weights[update], sum.weights[update], sum.corrects[update]);
    }

    @Override
    public double gradientNorm() {
        RoundSum sum = round.sum();
        return sum.normCounts[update] == 0 ? Double.NaN : sum.normSums[update] / sum.normCounts[update];
    }

    @Override
    public void backward() {
        if (done) {
            throw new IllegalStateException("backward already ran for this pass");
        }
        done = true;
        if (last()) {
            round.install();
        }
    }

    @Override
    public RnnState finalState() {
        if (carried == null) {
            throw new IllegalStateException("no final state: the pass ran a whole batch (no truncated BPTT)");
        }
        return last() ? round.finalState(carried) : StateRows.of(carried).toState();
    }
}
