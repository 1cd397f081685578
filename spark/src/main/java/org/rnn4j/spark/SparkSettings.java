package org.rnn4j.spark;

import java.util.Map;
import java.util.Objects;

import org.apache.spark.SparkConf;

/**
 * Spark settings that cut the per-job overhead of rnn4j's training jobs, whose messages are a few megabytes
 * of parameters and sums each: a task's result of up to 64 MiB goes back in the task's status message rather
 * than through the block manager (one fetch less per task; {@code spark.task.maxDirectResultSize}, Spark's
 * default 1 MiB, at most {@code spark.rpc.message.maxSize}, default 128 MiB), and broadcasts are not
 * compressed (f32 parameters hardly compress; {@code spark.broadcast.compress}). Applied only where the
 * configuration does not set them already (spark-submit's {@code --conf} wins).
 */
public final class SparkSettings {
    /** The settings and their values. */
    public static final Map<String, String> TRAINING = Map.of(
            "spark.task.maxDirectResultSize", "64m",
            "spark.broadcast.compress", "false");

    private SparkSettings() {
    }

    /** {@code conf} with {@link #TRAINING} where it has none of its own; returns {@code conf}. */
    public static SparkConf forTraining(SparkConf conf) {
        Objects.requireNonNull(conf, "conf");
        TRAINING.forEach(conf::setIfMissing);
        return conf;
    }
}
