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
import org.rnn4j.backend.NativeLibrary;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.rnn.NativeRnn;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnForward;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/**
 * Native recurrent kernels through the Java API, T=50 N=64 I=H=512 by default.
 * FLOPs counted: forward = T·N·2·G·H·(I+H) (G gates), backward = 2 × forward; see scripts/bench-report.sh
 * for the GF/s computed from these times.
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

    private TensorScope scope;
    private NativeRnn rnn;
    private RnnWeights weights;
    private RnnWeights grads;
    private Tensor input;
    private Tensor outputGradient;

    @Setup(Level.Trial)
    public void setUp() {
        NativeLibrary.setThreads(threads);
        scope = TensorScope.open();
        RnnConfig config = RnnConfig.builder(cell, hidden, hidden).build();
        rnn = new NativeRnn(config);
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
            return rnn.forward(Propagation.INFERENCE, weights, input, null).output().get(0);
        }
    }

    @Benchmark
    public float forwardBackward() {
        try (TensorScope call = TensorScope.open()) {
            RnnForward fwd = rnn.forward(Propagation.TRAINING, weights, input, null);
            return rnn.backward(fwd, outputGradient, null, grads, GradientMode.OVERWRITE).inputGradient().get(0);
        }
    }
}
