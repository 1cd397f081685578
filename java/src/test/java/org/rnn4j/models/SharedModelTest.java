package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.backend.Backend;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.nn.Recurrent;

/**
 * One model shared by 8 threads, each running 200 inference requests from its first call on: every
 * answer is bit-identical to the single-threaded one of an identical model (same seed). Covers the fixed-length path (a language model: one sequence, all T)
 * and the variable-length path (a classifier on sequences of different lengths), on both backends.
 */
class SharedModelTest {
    private static final int THREADS = 8;
    private static final int REQUESTS = 200;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void languageModelSharedByEightThreadsAnswersAsOneThread(Backend backend) throws Exception {
        assumeAvailable(backend);
        Random random = new Random(11);
        List<int[]> requests = new ArrayList<>();
        for (int r = 0; r < 16; r++) {
            int[] ids = new int[1 + random.nextInt(12)];
            for (int t = 0; t < ids.length; t++) {
                ids[t] = random.nextInt(7);
            }
            requests.add(ids);
        }
        LanguageModel.Builder builder = LanguageModel.builder(7).embedding(4).recurrent(Recurrent.lstm(6).layers(2))
                .seed(3).backend(backend);
        try (LanguageModel alone = builder.build(); LanguageModel shared = builder.build()) {
            assertConcurrentEqualsSerial(requests, alone::logits, shared::logits);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void classifierOnVariableLengthsSharedByEightThreadsAnswersAsOneThread(Backend backend) throws Exception {
        assumeAvailable(backend);
        Random random = new Random(12);
        List<SequenceBatch> requests = new ArrayList<>();
        for (int r = 0; r < 16; r++) {
            requests.add(SequenceBatch.of(Tasks.sequences(random, 1 + random.nextInt(4), 1, 10, 3)));
        }
        SequenceClassifier.Builder builder = SequenceClassifier.builder(3, 4)
                .recurrent(Recurrent.gru(5).layers(2).bidirectional()).pooling(Pooling.MEAN).seed(4).backend(backend);
        try (SequenceClassifier alone = builder.build(); SequenceClassifier shared = builder.build()) {
            assertConcurrentEqualsSerial(requests, alone::logits, shared::logits);
        }
    }

    /**
     * Runs every request once on {@code alone}, then THREADS × REQUESTS of them at once on {@code shared}
     * (an identical model, not called before); compares bit for bit.
     */
    private static <R> void assertConcurrentEqualsSerial(List<R> requests, Function<R, float[][]> alone,
                                                         Function<R, float[][]> infer) throws Exception {
        List<float[][]> expected = new ArrayList<>();
        for (R request : requests) {
            expected.add(alone.apply(request));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int first = thread;
                Callable<Integer> worker = () -> {
                    start.await();
                    for (int k = 0; k < REQUESTS; k++) {
                        int r = (first * 5 + k) % requests.size();
                        float[][] got = infer.apply(requests.get(r));
                        float[][] want = expected.get(r);
                        assertEquals(want.length, got.length, "rows of request " + r);
                        for (int row = 0; row < want.length; row++) {
                            assertArrayEquals(want[row], got[row], "request " + r + " row " + row + " (bit-identical)");
                        }
                    }
                    return REQUESTS;
                };
                done.add(pool.submit(worker));
            }
            start.countDown();
            int answered = 0;
            for (Future<Integer> f : done) {
                answered += f.get();
            }
            assertEquals(THREADS * REQUESTS, answered, "answered requests");
        } finally {
            pool.shutdownNow();
        }
    }

    static void assumeAvailable(Backend backend) {
        if (backend == Backend.NATIVE) {
            Assumptions.assumeTrue(NativeLibrary.isAvailable(), NativeLibrary::unavailableReason);
        }
    }
}
