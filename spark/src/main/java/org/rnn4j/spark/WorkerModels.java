package org.rnn4j.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * <p>Tasks of different partitions run at once on the executor's pool threads, each on its own model; a
 * model may be built on one thread and run on others (native engines keep no per-thread state, see
 * ARCHITECTURE.md "Threads"). Two attempts of one partition (a speculative copy) take turns on its model.
 */
final class WorkerModels {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerModels.class);
    private static final Map<String, WorkerModel> MODELS = new ConcurrentHashMap<>();

    private WorkerModels() {
    }

    static WorkerModel get(String trainerId, int partition, ModelBytes bytes, Backend wanted) {
        return MODELS.computeIfAbsent(trainerId + "/" + partition,
                key -> new WorkerModel(bytes.load(backendHere(wanted))));
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
