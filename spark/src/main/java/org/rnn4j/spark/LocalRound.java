package org.rnn4j.spark;

import java.util.Arrays;
import java.util.List;

import org.rnn4j.RnnConfig;
import org.rnn4j.backend.SplitMix64;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Parameters;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.TimeSliced;
import org.rnn4j.train.TrainingPass;
import org.rnn4j.train.optim.Optimizer;

/**
 * One partition's round of {@code syncEvery(k)}: from the round's parameters and optimizer state, k local
 * updates exactly as the driver's trainer makes one (forward → zero grads → backward → clip → step, an update
 * with a non-finite norm or result skipped), each on this partition's share of one of the round's windows,
 * the recurrent state carried from window to window of one batch as truncated BPTT carries it (rows of
 * ended sequences reset to zeros, zeros at a new batch). The result is a function of the round's inputs and
 * the partition's data alone, so a retried task recomputes it.
 */
final class LocalRound {
    private LocalRound() {
    }

    /** The dropout seed of local update {@code update} of a round whose driver-side forward was seeded {@code seed}. */
    static long updateSeed(long seed, int update) {
        return SplitMix64.mix(seed + SplitMix64.GOLDEN_GAMMA * (update + 1L));
    }

    /** @param shares per window, this partition's share of its batch, or null when it has none */
    static RoundResult run(WorkerModel worker, Optimizer optimizer, RoundJob job, RoundInputs inputs, int partition,
                           List<Object> shares) {
        long start = System.nanoTime();
        List<Parameter> parameters = worker.parameters();
        List<Tensor> gradients = Parameters.gradients(parameters);
        Kernels kernels = Kernels.of(worker.model().backend());
        inputs.parameters().copyInto(parameters);
        inputs.optimizerState().copyInto(optimizer.state());
        optimizer.restoreSteps(job.optimizerSteps());
        int updates = job.updates();
        double[] lossSums = new double[updates];
        double[] weights = new double[updates];
        double[] corrects = new double[updates];
        double[] norms = new double[updates];
        Arrays.fill(norms, Double.NaN);
        StateRows carry = firstCarry(inputs, partition);
        RoundWindow previous = null;
        boolean trained = false;
        boolean lastRan = false;
        for (int j = 0; j < updates; j++) {
            RoundWindow window = job.windows().get(j);
            Object share = shares.get(j);
            if (share == null || j > 0 && !window.continues(previous)) {
                carry = null;                                                  // a new batch (or none): zeros
            } else if (j > 0 && carry != null) {
                carry = carry.resetEnded(((TimeSliced<?>) share).lengths(), previous.to());
            }
            previous = window;
            Object local = share == null ? null : window.windowed() ? WorkerModel.window(share, window.from(), window.to())
                    : share;
            lastRan = local != null;
            if (local == null) {
                continue;
            }
            trained = true;
            try (TensorScope scope = TensorScope.open()) {
                worker.model().seed(WorkerModel.partitionSeed(job.seeds()[j], partition));
                RnnState initial = window.windowed() ? initialState(worker, carry, (TimeSliced<?>) local) : null;
                TrainingPass pass = worker.forward(local, initial);            // forward
                Parameters.zeroGradients(parameters);                          // zero grads
                pass.backward();                                               // backward
                double norm = job.clipping().apply(kernels, gradients);        // clip
                if (Double.isFinite(norm)) {
                    optimizer.step(job.rates()[j]);                            // step (undone if non-finite)
                }
                LossValue loss = pass.loss();
                lossSums[j] = loss.mean() * loss.weight();
                weights[j] = loss.weight();
                corrects[j] = loss.correct();
                norms[j] = norm;
                if (window.windowed()) {
                    carry = StateRows.of(pass.finalState());
                }
            }
        }
        if (!trained) {
            return RoundResult.empty(partition, updates);
        }
        return new RoundResult(partition, FlatTensors.values(parameters), FlatTensors.of(optimizer.state()),
                optimizer.steps(), lossSums, weights, corrects, norms, lastRan ? carry : null,
                new TaskTimes(0, 0, System.nanoTime() - start));
    }

    /** The state carried into the first window: the driver's rows of this partition, or null (zeros). */
    private static StateRows firstCarry(RoundInputs inputs, int partition) {
        if (inputs.initial() == null) {
            return null;
        }
        ShardLayout layout = inputs.layout();
        return inputs.initial().rows(layout.offsets()[partition], layout.rows()[partition]);
    }

    /** {@code carry} as a state, or zeros [L, D, N, W] for the window's N sequences. */
    private static RnnState initialState(WorkerModel worker, StateRows carry, TimeSliced<?> local) {
        if (carry != null) {
            return carry.toState();
        }
        RnnConfig config = worker.recurrentConfig();
        int n = local.lengths().length;
        long[] h = RnnState.hiddenShape(config, n).dims();
        long[] c = config.cell().isLstm() ? RnnState.cellShape(config, n).dims() : null;
        return new StateRows(new float[Math.toIntExact(StateRows.size(h))], h,
                c == null ? null : new float[Math.toIntExact(StateRows.size(c))], c).toState();
    }
}
