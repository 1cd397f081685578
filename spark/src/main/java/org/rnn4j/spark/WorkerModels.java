package org.rnn4j.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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
    /** Per (trainer, RDD, partition): the share of the batch its last task built. */
    private static final Map<String, LastShare> SHARES = new ConcurrentHashMap<>();

    /** A partition's share of batch (epoch, batch); null: it has no rows there. */
    private record LastShare(int epoch, int batch, Object share) {
    }

    private WorkerModels() {
    }

    static WorkerModel get(String trainerId, int partition, ModelBytes bytes, Backend wanted) {
        return MODELS.computeIfAbsent(trainerId + "/" + partition,
                key -> new WorkerModel(bytes.load(backendHere(wanted))));
    }

    /**
     * The share of batch (epoch, batch) of partition {@code partition} of RDD {@code rddId}: the one the
     * previous task of that partition built when it was the same batch, else {@code make}'s (then kept). A share
     * is a function of the partition's elements and the batch alone ({@link ShardedData}), so the tasks of the
     * updates of one batch (truncated BPTT's windows) build it once instead of once per update.
     */
    @SuppressWarnings("unchecked")
    static <B> B share(String trainerId, int rddId, int partition, int epoch, int batch, Supplier<B> make) {
        String key = trainerId + "/" + rddId + "/" + partition;
        LastShare last = SHARES.get(key);
        if (last != null && last.epoch() == epoch && last.batch() == batch) {
            return (B) last.share();
        }
        B share = make.get();
        SHARES.put(key, new LastShare(epoch, batch, share));
        return share;
    }

    /** The backend of this JVM: the driver's, or the JVM one where the native library does not load. */
    static Backend backendHere(Backend wanted) {
        if (wanted == Backend.NATIVE && !NativeLibrary.isAvailable()) {
            LOG.warn("native backend unavailable, using the pure-JVM backend: {}", NativeLibrary.unavailableReason());
            return Backend.JVM;
        }
        return wanted;
    }

    /** Closes this JVM's models and forgets the shares of {@code trainerId} (on the driver: all of them in local mode). */
    static void release(String trainerId) {
        SHARES.keySet().removeIf(key -> key.startsWith(trainerId + "/"));
        MODELS.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(trainerId + "/")) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }
}
