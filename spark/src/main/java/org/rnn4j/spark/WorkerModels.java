package org.rnn4j.spark;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.rnn4j.backend.Backend;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor JVM's models: one per (trainer, partition), built the first time a task of that partition
 * runs here, from the model bytes the driver broadcast, and reused by every later step (a task reads the
 * step's parameters into it first, so a retried task finds nothing left over). The native library is
 * loaded once per JVM; where it does not load, the models run on the JVM backend, logged at WARN.
 *
 * <p>All of it — loading, every task's forward and backward, closing — runs on one long-lived thread per
 * JVM: a native model built on one thread and run on another crashes in oneDNN once the first thread has
 * ended (its primitives keep that thread's scratchpad), and Spark runs a partition's tasks on whichever
 * of its pool's threads is free, ending idle ones. So an executor's tasks take turns; each one's kernels
 * use all the cores the native library is given (OpenMP), so little is lost.
 */
final class WorkerModels {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerModels.class);
    private static final Map<String, WorkerModel> MODELS = new ConcurrentHashMap<>();
    private static final ExecutorService NATIVE_THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rnn4j-spark-native");
        t.setDaemon(true);
        return t;
    });

    private WorkerModels() {
    }

    static WorkerModel get(String trainerId, int partition, ModelBytes bytes, Backend wanted) {
        return MODELS.computeIfAbsent(trainerId + "/" + partition,
                key -> new WorkerModel(onNativeThread(() -> bytes.load(backendHere(wanted)))));
    }

    /** Runs {@code work} on this JVM's native thread and returns its result (or throws what it threw). */
    static <T> T onNativeThread(Callable<T> work) {
        Future<T> result = NATIVE_THREAD.submit(work);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the native thread", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** The backend of this JVM: the driver's, or the JVM one where the native library does not load. */
    static Backend backendHere(Backend wanted) {
        if (wanted == Backend.NATIVE && !NativeLibrary.isAvailable()) {
            LOG.warn("native backend unavailable, using the pure-JVM backend: {}", NativeLibrary.unavailableReason());
            return Backend.JVM;
        }
        return wanted;
    }

    /** Closes this JVM's models of {@code trainerId} (on the driver: all of them in local mode). */
    static void release(String trainerId) {
        MODELS.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(trainerId + "/")) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }
}
