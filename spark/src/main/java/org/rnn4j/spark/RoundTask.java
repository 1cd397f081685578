package org.rnn4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The function each partition runs in a round's job: build its share of every batch the round's windows
 * touch from its elements (once per batch, and not again for the batch this JVM built last), and run the round's local updates on this JVM's model of that
 * partition. Captures only serialisable values: the job, the two broadcasts and the sharding.
 */
final class RoundTask {
    private RoundTask() {
    }

    static <E, B> Function2<Integer, Iterator<E>, Iterator<RoundResult>> of(RoundJob job, Broadcast<ModelBytes> model,
                                                                          Broadcast<RoundInputs> inputs,
                                                                          ShardedData<E, B> sharding) {
        return (partition, elements) -> {
            long start = System.nanoTime();
            List<E> all = new ArrayList<>();
            List<Object> shares = new ArrayList<>();
            boolean any = false;
            for (RoundWindow w : job.windows()) {
                B share = WorkerModels.share(job.trainerId(), job.rddId(), partition, w.epoch(), w.batch(), () -> {
                    if (all.isEmpty()) {
                        elements.forEachRemaining(all::add);
                    }
                    return sharding.share(all, partition, w.epoch(), w.batch());
                });
                shares.add(share);
                any |= share != null;
            }
            if (!any) {
                return List.of(RoundResult.empty(partition, job.updates())).iterator();
            }
            WorkerModel worker = WorkerModels.get(job.trainerId(), partition, model.value(), job.backend());
            long shared = System.nanoTime();
            RoundInputs read = inputs.value();
            long readNanos = System.nanoTime() - shared;
            RoundResult result = worker.runRound(job, read, partition, shares);
            return List.of(result.withShareAndRead(shared - start, readNanos)).iterator();
        };
    }
}
