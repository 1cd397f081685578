package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.backend.Backend;
import org.rnn4j.nn.Parameter;
import org.rnn4j.nn.Parameters;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.TrainingPass;

/**
 * A model built on a thread that has ended, then trained (forward and backward) from other threads, as
 * Spark runs a partition's tasks on whichever pool thread is free: each step on a fresh thread that ends
 * after it, and two such models stepping at the same time. Every step's loss and gradients are
 * bit-identical to those of an identical model (same seed) stepped on the test thread. Before
 * user-managed scratchpads this crashed in libdnnl once the building thread had ended.
 */
class TrainingAcrossThreadsTest {
    private static final int STEPS = 300;
    private static final int MODELS = 2;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void modelBuiltOnAnEndedThreadTrainsOnOthersAsOnOne(Backend backend) throws Exception {
        SharedModelTest.assumeAvailable(backend);
        LanguageModel.Builder builder = LanguageModel.builder(7).embedding(4).recurrent(Recurrent.lstm(6).layers(2))
                .seed(5).backend(backend);
        List<TokenBatch> batches = batches();
        List<double[][]> expected = new ArrayList<>();
        try (LanguageModel alone = builder.build()) {
            for (int step = 0; step < STEPS; step++) {
                expected.add(step(alone, batches.get(step % batches.size())));
            }
        }
        List<LanguageModel> models = buildOnEndedThreads(builder);
        ExecutorService pool = Executors.newFixedThreadPool(MODELS);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (LanguageModel model : models) {
                done.add(pool.submit(() -> stepEachOnAFreshThread(model, batches, expected)));
            }
            for (Future<Integer> f : done) {
                assertEquals(STEPS, f.get(), "steps compared");
            }
        } finally {
            pool.shutdownNow();
            models.forEach(LanguageModel::close);
        }
    }

    /** Steps {@code model} STEPS times, each step on a new thread that ends before the next starts. */
    private static int stepEachOnAFreshThread(LanguageModel model, List<TokenBatch> batches,
                                              List<double[][]> expected) throws Exception {
        for (int step = 0; step < STEPS; step++) {
            TokenBatch batch = batches.get(step % batches.size());
            double[][] got = onNewThread(() -> step(model, batch));
            double[][] want = expected.get(step);
            for (int i = 0; i < want.length; i++) {
                assertArrayEquals(want[i], got[i], "step " + step + " output " + i + " (bit-identical)");
            }
        }
        return STEPS;
    }

    private static List<LanguageModel> buildOnEndedThreads(LanguageModel.Builder builder) throws Exception {
        List<LanguageModel> models = new ArrayList<>();
        for (int m = 0; m < MODELS; m++) {
            models.add(onNewThread(builder::build));
        }
        return models;
    }

    /** Runs {@code work} on a new thread, waits for that thread to end, and returns what it returned. */
    private static <T> T onNewThread(Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(work.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        thread.join();
        if (failure.get() instanceof Exception e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
        return result.get();
    }

    /** One training forward and backward from the model's (unchanged) parameters: [loss, gradient...]. */
    private static double[][] step(LanguageModel model, TokenBatch batch) {
        List<Parameter> parameters = List.copyOf(model.parameters());
        double[][] out = new double[1 + parameters.size()][];
        try (TensorScope scope = TensorScope.open()) {
            TrainingPass pass = model.forward(batch);
            Parameters.zeroGradients(parameters);
            pass.backward();
            out[0] = new double[] {pass.loss().mean()};
            for (int i = 0; i < parameters.size(); i++) {
                out[1 + i] = toDoubles(parameters.get(i).gradient().toFloatArray());
            }
        }
        return out;
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static List<TokenBatch> batches() {
        Random random = new Random(21);
        List<TokenBatch> batches = new ArrayList<>();
        for (int b = 0; b < 8; b++) {
            List<int[]> sequences = new ArrayList<>();
            int n = 1 + random.nextInt(4);
            for (int s = 0; s < n; s++) {
                int[] ids = new int[2 + random.nextInt(12)];
                for (int t = 0; t < ids.length; t++) {
                    ids[t] = random.nextInt(7);
                }
                sequences.add(ids);
            }
            batches.add(TokenBatch.nextToken(sequences));
        }
        return batches;
    }
}
