package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The function each partition runs in a round's job: build its share of every batch the round's windows
 * touch from its elements (once per batch), and run the round's local updates on this JVM's model of that
 * partition. Captures only serialisable values: the job, the two broadcasts and the sharding.
 */
final class RoundTask {
    private RoundTask() {
    }

    static <E, B> Function2<Integer, Iterator<E>, Iterator<RoundResult>> of(RoundJob job, Broadcast<ModelBytes> model,
                                                                          Broadcast<RoundInputs> inputs,
                                                                          ShardedData<E, B> sharding) {
        return (partition, elements) -> {
            List<E> all = ShardSource.drain(elements);
            Map<Long, B> byBatch = new HashMap<>();
            List<Object> shares = new ArrayList<>();
            boolean any = false;
            for (RoundWindow w : job.windows()) {
                long key = ((long) w.epoch() << 32) | (w.batch() & 0xffffffffL);
                B share = byBatch.computeIfAbsent(key, k -> sharding.share(all, partition, w.epoch(), w.batch()));
                shares.add(share);
                any |= share != null;
            }
            if (!any) {
                return List.of(RoundResult.empty(partition, job.updates())).iterator();
            }
            WorkerModel worker = WorkerModels.get(job.trainerId(), partition, model.value(), job.backend());
            return List.of(worker.runRound(job, inputs.value(), partition, shares)).iterator();
        };
    }
}
