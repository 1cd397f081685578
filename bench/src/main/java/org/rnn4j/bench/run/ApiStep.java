package org.rnn4j.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.bytedeco.javacpp.Pointer;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.FinalStates;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnEngine;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.rnn.RnnForward;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorPool;
import org.rnn4j.tensor.TensorScope;

/**
 * A row's step through the public Java API on one backend: {@link RnnEngine#forward} (inference, or training
 * then {@link RnnEngine#backward} with gradients overwritten), every call's results released by its scope,
 * as a user's loop would. A variable-length row runs outputs only ({@link FinalStates#NONE}), as a model
 * trained with full BPTT on padded batches does (the trainer's whole-batch forward). For the native backend also the memory it takes: the peak of the native bytes
 * rnn4j's tensors hold over a step (JavaCPP's count less the pool's idle blocks), and the process's peak RSS during the timed runs (Linux
 * VmHWM, reset first through /proc/self/clear_refs where the kernel allows it).
 */
final class ApiStep {
    /** What one measurement found; memory figures are -1 when not measured. */
    record Result(Timing timing, double peakNativeMb, double peakRssMb, boolean rssPeakReset) {
    }

    private ApiStep() {
    }

    /** Times the step; no memory figures. */
    static Timing time(BenchRow row, Backend backend, int steps, Timing.Budget budget) {
        return run(row, backend, steps, budget, false).timing();
    }

    /** Times the step and measures its memory. */
    static Result timeWithMemory(BenchRow row, Backend backend, Timing.Budget budget) {
        return run(row, backend, row.steps(), budget, true);
    }

    private static Result run(BenchRow row, Backend backend, int steps, Timing.Budget budget, boolean memory) {
        RnnConfig config = row.config();
        int[] lengths = row.lengths(steps);
        FinalStates finalStates = lengths == null ? FinalStates.COMPUTED : FinalStates.NONE;
        try (TensorScope scope = TensorScope.open(); RnnEngine rnn = RnnEngines.create(config, backend)) {
            RnnWeights weights = RnnWeights.uniform(config, 1);
            RnnWeights grads = RnnWeights.zeros(config);
            Tensor input = random(2, steps, row.batch(), row.input());
            Tensor outputGradient = random(3, steps, row.batch(), config.outputWidth());
            long[] peakBytes = {heldBytes()};
            Runnable step = () -> {
                try (TensorScope call = TensorScope.open()) {
                    if (row.mode() == BenchRow.Mode.INFERENCE) {
                        rnn.forward(Propagation.INFERENCE, weights, input, lengths, null, finalStates);
                        peakBytes[0] = Math.max(peakBytes[0], heldBytes());
                    } else {
                        RnnForward fwd = rnn.forward(Propagation.TRAINING, weights, input, lengths, null, finalStates);
                        peakBytes[0] = Math.max(peakBytes[0], heldBytes());
                        rnn.backward(fwd, outputGradient, null, grads, GradientMode.OVERWRITE);
                        peakBytes[0] = Math.max(peakBytes[0], heldBytes());
                    }
                }
            };
            if (memory) {
                System.gc(); // let the heap of earlier rows' JVM runs shrink before the peak is reset
                TensorPool.trim(); // earlier rows' idle blocks would count in this row's RSS
            }
            boolean reset = memory && resetPeakRss();
            Timing timing = Timing.of(budget, step);
            return memory ? new Result(timing, peakBytes[0] / 1e6, peakRssMb(), reset)
                    : new Result(timing, -1, -1, false);
        }
    }

    private static Tensor random(long seed, long... dims) {
        long size = 1;
        for (long d : dims) {
            size *= d;
        }
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[Math.toIntExact(size)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return Tensor.of(v, dims);
    }

    /** Native bytes rnn4j's tensors hold, not counting the idle blocks {@link TensorPool} keeps for reuse. */
    private static long heldBytes() {
        return Pointer.totalBytes() - TensorPool.idleBytes();
    }

    /** Resets VmHWM to the current RSS; false where the kernel does not allow it (the peak is then the run's). */
    private static boolean resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** VmHWM of /proc/self/status in MB, or -1 where there is none. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1e3;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
