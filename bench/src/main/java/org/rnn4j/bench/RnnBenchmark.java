package org.rnn4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rnn4j.CellKind;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.RnnEngine;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnForward;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * Native recurrent kernels through the Java API, T=50 N=64 I=H=512 by default.
 * FLOPs counted: forward = T·N·2·G·H·(I+H) (G gates), backward = 2 × forward (with lengths, T·N becomes
 * the sum of the lengths); GF/s = FLOPs / time. scripts/bench-report.sh times the same step against raw
 * oneDNN side by side.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RnnBenchmark {
    @Param({"LSTM", "GRU", "LBR_GRU", "RNN_TANH"})
    public CellKind cell;
    @Param("50")
    public int steps;
    @Param("64")
    public int batch;
    @Param("512")
    public int hidden;
    @Param("2")
    public int threads;
    /** NATIVE, or JVM for the pure-Java baseline (slow at the default shape: pass -p hidden=128). */
    @Param("NATIVE")
    public Backend backend;
    /** "fixed": every sequence T long; "variable": lengths uniform in [T/2, T], seeded. */
    @Param({"fixed", "variable"})
    public String lengths;

    private TensorScope scope;
    private RnnEngine rnn;
    private int[] sequenceLengths;
    private RnnWeights weights;
    private RnnWeights grads;
    private Tensor input;
    private Tensor outputGradient;

    @Setup(Level.Trial)
    public void setUp() {
        NativeLibrary.setThreads(threads);
        scope = TensorScope.open();
        RnnConfig config = RnnConfig.builder(cell, hidden, hidden).build();
        rnn = RnnEngines.create(config, backend);
        if (lengths.equals("variable")) {
            SplittableRandom r = new SplittableRandom(7);
            sequenceLengths = new int[batch];
            for (int n = 0; n < batch; n++) {
                sequenceLengths[n] = steps / 2 + r.nextInt(steps - steps / 2 + 1);
            }
            sequenceLengths[0] = steps;
        }
        weights = RnnWeights.uniform(config, 1);
        grads = RnnWeights.zeros(config);
        input = random(steps * batch * hidden, 2, steps, batch, hidden);
        outputGradient = random(steps * batch * hidden, 3, steps, batch, hidden);
    }

    private static Tensor random(int size, long seed, long... dims) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return Tensor.of(v, dims);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rnn.close();
        scope.close();
    }

    @Benchmark
    public float forwardInference() {
        try (TensorScope call = TensorScope.open()) {
            return rnn.forward(Propagation.INFERENCE, weights, input, sequenceLengths, null).output().get(0);
        }
    }

    @Benchmark
    public float forwardBackward() {
        try (TensorScope call = TensorScope.open()) {
            RnnForward fwd = rnn.forward(Propagation.TRAINING, weights, input, sequenceLengths, null);
            return rnn.backward(fwd, outputGradient, null, grads, GradientMode.OVERWRITE).inputGradient().get(0);
        }
    }
}
