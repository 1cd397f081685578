package org.rnn4j.spark;

import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The function each partition runs in a step's job: build its share of the batch from its elements (or take
 * the one this JVM built for the batch's previous window), and
 * compute on this JVM's model of that partition. Captures only serialisable values: the job, the two
 * broadcasts and the sharding.
 */
final class ShardTask {
    private ShardTask() {
    }

    static <E, B> Function2<Integer, Iterator<E>, Iterator<ShardResult>> of(ShardJob job, Broadcast<ModelBytes> model,
                                                                          Broadcast<StepInputs> inputs,
                                                                          ShardedData<E, B> sharding) {
        return (partition, elements) -> {
            long start = System.nanoTime();
            B share = WorkerModels.share(job.trainerId(), job.rddId(), partition, job.epoch(), job.batch(),
                    () -> sharding.share(ShardSource.drain(elements), partition, job.epoch(), job.batch()));
            if (share == null) {
                return List.of(ShardResult.empty(partition)).iterator();
            }
            WorkerModel worker = WorkerModels.get(job.trainerId(), partition, model.value(), job.backend());
            long shared = System.nanoTime();
            StepInputs read = inputs.value();
            long readNanos = System.nanoTime() - shared;
            ShardResult result = worker.run(job, read, partition, share);
            return List.of(result.withShareAndRead(shared - start, readNanos)).iterator();
        };
    }
}
