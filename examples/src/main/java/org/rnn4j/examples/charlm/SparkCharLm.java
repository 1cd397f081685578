package org.rnn4j.examples.charlm;

import java.util.function.UnaryOperator;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.LossValue;
import org.rnn4j.spark.ShardBatch;
import org.rnn4j.spark.SparkSettings;
import org.rnn4j.spark.SparkTrainer;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Trainer;
import org.rnn4j.train.TrainingSummary;

/**
 * {@code train-charlm --spark MASTER}: the same training on Apache Spark. The only class of the examples
 * that touches Spark, so that without {@code --spark} no Spark class is loaded (and Spark need not be on
 * the classpath: {@code scripts/rnn4j} adds it only for {@code --spark}).
 */
final class SparkCharLm {
    private SparkCharLm() {
    }

    /**
     * {@code rdd} kept by the executors: cached and cut from its lineage, so that a step's tasks carry no data
     * (a parallelized collection's tasks would carry their slice every time), materialised now.
     */
    private static <T> JavaRDD<T> held(JavaRDD<T> rdd) {
        rdd.rdd().localCheckpoint();
        rdd.count();
        return rdd;
    }

    /** What a Spark run gives the command. */
    record Outcome(TrainingSummary summary, LossValue validation, String master, int syncEvery, double secondsPerStep) {
    }

    /**
     * Trains {@code model} on Spark at {@code master}: the training text as {@code streams} streams spread
     * over the default parallelism's partitions, the validation text as 64, the trainer configured by
     * {@code configure} exactly as on one machine, the partitions synchronised every {@code syncEvery} updates.
     */
    static Outcome train(String master, int syncEvery, LanguageModel model, int[] train, int[] validation,
                         int streams, int bptt, UnaryOperator<Trainer.Builder<ShardBatch>> configure, Epochs budget) {
        SparkConf conf = SparkSettings.forTraining(new SparkConf().setMaster(master).setAppName("rnn4j train-charlm")
                .setIfMissing("spark.ui.showConsoleProgress", "false"));
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            int partitions = Math.min(spark.defaultParallelism(), streams);
            CharStreamShards trainShards = CharStreamShards.training(train.length, streams, bptt);
            CharStreamShards validationShards = CharStreamShards.validation(validation.length, 64);
            JavaRDD<CharStreamShards.Stream> trainData = held(spark.parallelize(trainShards.streamsOf(train), partitions));
            JavaRDD<CharStreamShards.Stream> validationData =
                    held(spark.parallelize(validationShards.streamsOf(validation), Math.min(partitions, 64)));
            try (SparkTrainer<TokenBatch> trainer = SparkTrainer.builder(spark, model, trainData, trainShards)
                    .syncEvery(syncEvery).validation(validationData, validationShards).trainer(configure).build()) {
                TrainingSummary summary = trainer.fit(budget);
                LossValue validationLoss = trainer.evaluateValidation();
                return new Outcome(summary, validationLoss, spark.master(), trainer.syncEvery(),
                        trainer.stats().secondsPerStep());
            }
        }
    }
}
