package org.rnn4j.spark;

import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The function each partition runs in a step's job: build its share of the batch from its elements, and
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
            B share = sharding.share(ShardSource.drain(elements), partition, job.epoch(), job.batch());
            if (share == null) {
                return List.of(ShardResult.empty(partition)).iterator();
            }
            WorkerModel worker = WorkerModels.get(job.trainerId(), partition, model.value(), job.backend());
            return List.of(worker.run(job, inputs.value(), partition, share)).iterator();
        };
    }
}
