package org.rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnn4j.backend.Backend;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.tensor.TensorScope;
import org.rnn4j.train.TrainingPass;

/**
 * Training one model from two threads at once is refused with a clear IllegalStateException (and
 * never kills the JVM): both threads run training steps until one of them is refused.
 */
class SharedTrainingTest {
    private static final long DEADLINE_SECONDS = 30;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void twoThreadsTrainingOneModelGetAnIllegalStateException(Backend backend) throws Exception {
        SharedModelTest.assumeAvailable(backend);
        List<TokenBatch> batches = Tasks.pattern(new Random(5), 2, 4, 40);
        AtomicReference<IllegalStateException> refused = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (LanguageModel model = LanguageModel.builder(4).embedding(4).recurrent(Recurrent.lstm(16).layers(2))
                .seed(6).backend(backend).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch start = new CountDownLatch(1);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
                Future<?>[] workers = new Future<?>[2];
                for (int w = 0; w < 2; w++) {
                    TokenBatch batch = batches.get(w);
                    workers[w] = pool.submit(() -> {
                        start.await();
                        while (!stop.get() && System.nanoTime() < deadline) {
                            try (TensorScope scope = TensorScope.open()) {
                                TrainingPass pass = model.forward(batch);
                                pass.backward();
                            } catch (IllegalStateException e) {
                                refused.compareAndSet(null, e);
                                stop.set(true);
                            }
                        }
                        return null;
                    });
                }
                start.countDown();
                for (Future<?> worker : workers) {
                    worker.get();  // any other exception fails the test here
                }
            } finally {
                pool.shutdownNow();
            }
        }
        IllegalStateException e = refused.get();
        assertTrue(e != null, "two threads training one model for " + DEADLINE_SECONDS + " s were never refused");
        assertTrue(e.getMessage().contains("already in a training call"), e.getMessage());
    }
}
