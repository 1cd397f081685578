package org.rnn4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.backend.Backend;
import org.rnn4j.infer.StatefulRnn;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.Kernels;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentOptions;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnEngine;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Trainer;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.optim.Optimizer;
import org.rnn4j.optim.Sgd;

/**
 * Weights can never go stale: after a first native forward (which caches the re-laid-out weights),
 * the weights are written through one public path — tensor writes, writes through views, an
 * optimizer step, a trainer's fit, resuming a checkpoint, loading a model, a stream's step — and the
 * next native forward must equal the JVM forward on the same weights (max-norm relative error
 * ≤ 1e-5) and differ from the first one. Public API only.
 */
class WeightsNeverGoStaleTest {
    private static final double TOLERANCE = 1e-5;
    /** A forward that changed by less than this (max-norm relative) would hide a stale cache. */
    private static final double CHANGED = 1e-3;
    private static final int T = 4, N = 3;

    @TempDir
    Path dir;

    static Stream<Arguments> writes() {
        return Stream.of(
                write("copyFrom(float[])", w -> w.weightsLayer().copyFrom(random(w.weightsLayer().size(), 1))),
                write("copyFrom(Tensor)", w -> w.weightsIter().copyFrom(
                        Tensor.of(random(w.weightsIter().size(), 2), w.weightsIter().shape().dims()))),
                write("set", w -> {
                    for (long i = 0; i < w.weightsLayer().size(); i += 3) {
                        w.weightsLayer().set(i, 0.9f);
                    }
                }),
                write("fillZero", w -> w.weightsIter().fillZero()),
                write("reshape view", w -> w.weightsIter().reshape(w.weightsIter().size())
                        .copyFrom(random(w.weightsIter().size(), 3))),
                write("steps view", w -> {
                    Tensor layer0 = w.weightsIter().steps(0, 1);                        // [1, D, S, G, H]
                    layer0.copyFrom(random(layer0.size(), 4));
                }),
                write("bias", w -> w.bias().copyFrom(random(w.bias().size(), 5))));
    }

    private static Arguments write(String path, Consumer<RnnWeights> write) {
        return Arguments.of(path, write);
    }

    static Stream<RnnConfig> configs() {
        return Stream.of(
                RnnConfig.builder(CellKind.LSTM, 3, 5).layers(2).build(),                         // one fused call
                RnnConfig.builder(CellKind.LBR_GRU, 3, 5).direction(Direction.BIDIRECTIONAL_CONCAT).build(),
                RnnConfig.builder(CellKind.LSTM, 3, 6).projection(4).peephole(true).build());
    }

    static Stream<Arguments> writesOnConfigs() {
        return configs().flatMap(c -> writes().map(w -> Arguments.of(c, w.get()[0], w.get()[1])));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("writesOnConfigs")
    void engineSeesEveryTensorWrite(RnnConfig config, String path, Consumer<RnnWeights> write) {
        try (TensorScope scope = TensorScope.open();
             RnnEngine nat = RnnEngines.create(config, Backend.NATIVE);
             RnnEngine jvm = RnnEngines.create(config, Backend.JVM)) {
            RnnWeights weights = RnnWeights.uniform(config, 11);
            Tensor x = Tensor.of(random((long) T * N * config.inputSize(), 12), T, N, config.inputSize());  // [T, N, I]
            int[] lengths = config.directions() == 2 ? new int[] {4, 2, 3} : null;
            float[][] first = new float[2][];
            for (Propagation p : Propagation.values()) {
                first[p.ordinal()] = nat.forward(p, weights, x, lengths, null).output().toFloatArray();
            }
            write.accept(weights);
            for (Propagation p : Propagation.values()) {
                float[] after = nat.forward(p, weights, x, lengths, null).output().toFloatArray();
                assertClose(path + ", " + p, jvm.forward(p, weights, x, lengths, null).output().toFloatArray(), after);
                assertChanged(path + ", " + p, first[p.ordinal()], after);
            }
        }
    }

    @Test
    void engineSeesProjectionWrites() {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 3, 6).projection(4).layers(2).build();
        engineSeesEveryTensorWrite(config, "projection copyFrom",
                w -> w.projection().copyFrom(random(w.projection().size(), 6)));
    }

    @ParameterizedTest(name = "optimizer on {0} kernels")
    @EnumSource(Backend.class)
    void layerSeesAnOptimizerStep(Backend kernels) {
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 3, 5).layers(2).build();
        try (TensorScope scope = TensorScope.open();
             Recurrent nat = new Recurrent("rnn", config, Backend.NATIVE, 21);
             Recurrent jvm = new Recurrent("rnn", config, Backend.JVM, 21);
             Optimizer optimizer = new Optimizer(Adam.lr(0.05), nat.parameters(), Kernels.of(kernels))) {
            Tensor x = Tensor.of(random((long) T * N * 3, 22), T, N, 3);                            // [T, N, I]
            float[] first = nat.forward(x, RecurrentOptions.inference()).output().toFloatArray();
            Recurrent.Pass pass = nat.forward(x);
            Tensor dOutput = Tensor.of(random(pass.output().size(), 23), pass.output().shape().dims());  // [T, N, H]
            nat.backward(pass, dOutput);
            optimizer.step(0.05);
            copyValues(nat.parameters(), jvm.parameters());
            float[] after = nat.forward(x, RecurrentOptions.inference()).output().toFloatArray();
            assertClose("after an optimizer step", jvm.forward(x, RecurrentOptions.inference()).output()
                    .toFloatArray(), after);
            assertChanged("after an optimizer step", first, after);
        }
    }

    @Test
    void streamSeesWeightWrites() {
        RnnConfig config = RnnConfig.builder(CellKind.GRU, 2, 4).layers(2).build();
        float[] input = {0.5f, -0.25f, 1f, 0.75f};                                                // [N = 2, I = 2]
        try (TensorScope scope = TensorScope.open();
             Recurrent nat = new Recurrent("rnn", config, Backend.NATIVE, 31);
             Recurrent jvm = new Recurrent("rnn", config, Backend.JVM, 32);
             StatefulRnn natStream = nat.stateful(2);
             StatefulRnn jvmStream = jvm.stateful(2)) {
            float[] first = natStream.step(input);
            copyValues(jvm.parameters(), nat.parameters());
            natStream.reset();
            float[] after = natStream.step(input);
            assertClose("stream step after copyFrom", jvmStream.step(input), after);
            assertChanged("stream step after copyFrom", first, after);
        }
    }

    @Test
    void modelSeesATrainersUpdates() {
        TokenBatch batch = batch();
        try (TensorScope scope = TensorScope.open();
             LanguageModel nat = model(Backend.NATIVE);
             LanguageModel jvm = model(Backend.JVM);
             Trainer<TokenBatch> trainer = Trainer.builder(nat).optimizer(Sgd.lr(1.0)).build()) {
            double first = nat.evaluate(batch).mean();
            trainer.fit(List.of(batch), null, Epochs.of(3));
            copyValues(nat.parameters(), jvm.parameters());
            double after = nat.evaluate(batch).mean();
            assertLossClose("after fit", jvm.evaluate(batch).mean(), after);
            assertLossChanged("after fit", first, after);
        }
    }

    @Test
    void modelSeesAResumedCheckpoint() throws IOException {
        TokenBatch batch = batch();
        Path checkpoint = dir.resolve("checkpoint.safetensors");
        try (TensorScope scope = TensorScope.open();
             LanguageModel nat = model(Backend.NATIVE);
             LanguageModel jvm = model(Backend.JVM);
             Trainer<TokenBatch> trainer = Trainer.builder(nat).optimizer(Sgd.lr(1.0)).build()) {
            double saved = nat.evaluate(batch).mean();
            trainer.saveCheckpoint(checkpoint);
            trainer.fit(List.of(batch), null, Epochs.of(3));
            double trained = nat.evaluate(batch).mean();
            trainer.resume(checkpoint);
            copyValues(nat.parameters(), jvm.parameters());
            double after = nat.evaluate(batch).mean();
            assertLossClose("after resume", jvm.evaluate(batch).mean(), after);
            assertLossChanged("after resume", trained, after);
            assertLossClose("after resume, the saved loss", saved, after);
        }
    }

    @Test
    void loadedModelRunsTheSavedWeights() throws IOException {
        TokenBatch batch = batch();
        Path saved = dir.resolve("lm");
        try (TensorScope scope = TensorScope.open(); LanguageModel nat = model(Backend.NATIVE)) {
            double first = nat.evaluate(batch).mean();
            try (Trainer<TokenBatch> trainer = Trainer.builder(nat).optimizer(Sgd.lr(1.0)).build()) {
                trainer.fit(List.of(batch), null, Epochs.of(3));
            }
            double trained = nat.evaluate(batch).mean();
            nat.save(saved);
            try (LanguageModel loadedNative = LanguageModel.load(saved, Backend.NATIVE);
                 LanguageModel loadedJvm = LanguageModel.load(saved, Backend.JVM)) {
                double after = loadedNative.evaluate(batch).mean();
                assertLossClose("loaded", loadedJvm.evaluate(batch).mean(), after);
                assertLossClose("loaded, the saved model's loss", trained, after);
                assertLossChanged("loaded", first, after);
            }
        }
    }

    private static LanguageModel model(Backend backend) {
        return LanguageModel.builder(6).embedding(4).recurrent(Recurrent.lstm(8).layers(2)).seed(41).backend(backend)
                .build();
    }

    private static TokenBatch batch() {
        return TokenBatch.nextToken(List.of(new int[] {1, 2, 3, 4, 5, 1, 2}, new int[] {3, 4, 5, 1}));
    }

    private static void copyValues(List<Parameter> from, List<Parameter> to) {
        assertEquals(from.size(), to.size(), "parameter count");
        for (int i = 0; i < from.size(); i++) {
            to.get(i).value().copyFrom(from.get(i).value());
        }
    }

    private static float[] random(long size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[Math.toIntExact(size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        double error = maxDifference(expected, actual), scale = Math.max(1e-6, maxAbs(expected));
        if (error > TOLERANCE * scale) {
            fail(what + ": native differs from JVM by " + error + " > " + TOLERANCE + " · " + scale);
        }
    }

    private static void assertChanged(String what, float[] before, float[] after) {
        double change = maxDifference(before, after), scale = Math.max(1e-6, maxAbs(before));
        assertTrue(change > CHANGED * scale, what + ": the forward must change after the write, changed by " + change);
    }

    private static void assertLossClose(String what, double expected, double actual) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), what + ": loss");
    }

    private static void assertLossChanged(String what, double before, double after) {
        assertTrue(Math.abs(after - before) > CHANGED * Math.max(1, Math.abs(before)),
                what + ": the loss must change, was " + before + ", is " + after);
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    private static double maxAbs(float[] a) {
        double max = 0;
        for (float v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
