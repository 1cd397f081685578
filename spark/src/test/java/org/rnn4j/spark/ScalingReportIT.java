package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.Parameters;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.Dataset;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.StepReport;
import org.rnn4j.train.Trainer;
import org.rnn4j.train.TrainingListener;

/**
 * The scaling report ({@code mvn -B -pl spark verify -Pscaling}; writes {@code spark/target/scaling-report.json}).
 * The char-LM main job's model and update (embedding 48 → LSTM 256 → linear 232; 32 streams × 100
 * characters, truncated BPTT, Adam, clipping) on synthetic text held by the executors as the main job's is
 * (cached, cut from its lineage): for {@code syncEvery} 1 and K (default 8, {@code -Drnn4j.scaling.k}), on
 * {@code local[1]} and {@code local[2]}, the time per update and per job, taken apart — the slowest partition's
 * compute, the broadcast, the share, the read, the merges, and the rest (Spark's scheduling and
 * (de)serialisation) — with the bytes each partition sends and the time of an empty job of the same shape
 * (Spark's floor per job); and the projection to 4, 8 and 16 executors on
 * a 10 Gb/s network from local[1]'s figures ({@link ScalingModel} states the model). It runs with
 * {@link SparkSettings#TRAINING}, as the main job does; other settings to try are passed as
 * {@code -Drnn4j.scaling.spark=key=value;key=value} (Spark's defaults:
 * {@code spark.task.maxDirectResultSize=1m;spark.broadcast.compress=true}). Timings on a machine
 * shared with other work overstate the overhead; the report says when it was measured.
 */
class ScalingReportIT {
    private static final int VOCABULARY = 232;
    private static final int EMBEDDING = 48;
    private static final int HIDDEN = 256;
    private static final int STREAMS = 32;
    private static final int BPTT = 100;
    /** Characters per stream: a long text, so that a share is worth building once per batch. */
    private static final int STREAM_LENGTH = 20_000;
    private static final int K = Integer.getInteger("rnn4j.scaling.k", 8);
    /** Timed updates after one warm-up round (a multiple of K). */
    private static final int TIMED = K * Integer.getInteger("rnn4j.scaling.rounds", 2);
    private static final double BYTES_PER_SECOND = 10e9 / 8;
    private static final int ADAM_STATE_TENSORS = 2;
    private static final int[] EXECUTORS = {4, 8, 16};

    @Test
    void measureAndProject() throws IOException {
        List<int[]> streams = text();
        double single = singleMachineSecondsPerUpdate(streams);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", "LanguageModel: embedding " + EMBEDDING + " → LSTM " + HIDDEN + " → linear " + VOCABULARY
                + ", " + STREAMS + " streams × " + BPTT + " characters per executor per update, Adam, clip 1.0");
        report.put("single_machine_seconds_per_update", single);
        long parameters = 0;
        for (int k : new int[] {1, K}) {
            Map<String, Object> local1 = onSpark("local[1]", 1, k, streams);
            Map<String, Object> local2 = onSpark("local[2]", 2, k, streams);
            parameters = (long) local1.get("parameters");
            ScalingModel model = new ScalingModel(parameters, ADAM_STATE_TENSORS, BYTES_PER_SECOND);
            double work = (double) local1.get("compute_seconds_per_update") + (double) local1.get("driver_seconds_per_update");
            double overhead = (double) local1.get("overhead_seconds_per_job");
            Map<String, Object> projected = new LinkedHashMap<>();
            for (int p : EXECUTORS) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("aggregation_seconds_per_job", model.aggregationSeconds(k, p));
                row.put("broadcast_seconds_per_job", model.broadcastSeconds(k, p));
                row.put("seconds_per_update", model.secondsPerUpdate(k, p, work, overhead));
                row.put("efficiency", model.efficiency(k, p, work, overhead));
                row.put("efficiency_without_spark_overhead", model.efficiency(k, p, work, 0));
                row.put("overhead_budget_for_0.8_seconds_per_job", model.overheadBudget(k, p, work, 0.8));
                projected.put(Integer.toString(p), row);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("bytes_sent_per_partition_per_job", local1.get("bytes_sent_per_partition_per_job"));
            entry.put("bytes_broadcast_per_job", 4L * parameters * (k == 1 ? 1 : 1 + ADAM_STATE_TENSORS));
            entry.put("work_seconds_per_update", work);
            entry.put("overhead_seconds_per_job", overhead);
            entry.put("local_1", local1);
            entry.put("local_2", local2);
            entry.put("projected", projected);
            report.put("sync_every_" + k, entry);
        }
        Map<String, String> sparkConf = new java.util.TreeMap<>(SparkSettings.TRAINING);
        sparkConf.putAll(extraSparkConf());
        report.put("spark_conf", sparkConf);
        report.put("parameters", parameters);
        report.put("network_bytes_per_second", BYTES_PER_SECOND);
        report.put("projection", "weak scaling: t_k(P) = s_k + (o_k + a_k(P) + b_k(P)) / k, E_k(P) = s_k / t_k(P); "
                + "s_k = compute + driver per update, o_k = local[1]'s job time minus its compute, a_k = f64 sums "
                + "(k = 1: gradient, k > 1: parameters + Adam state) × treeAggregate fan-ins / bandwidth, b_k = f32 "
                + "broadcast × (1 + log2 P) / bandwidth (ScalingModel)");
        report.put("note", "measured while " + Runtime.getRuntime().availableProcessors() + " cores were shared with "
                + "other work (load average " + loadAverage() + "): overheads are upper bounds; re-run on a quiet machine");
        Path out = Path.of("target", "scaling-report.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
        System.out.println(Files.readString(out));
        assertTrue(single > 0 && parameters > 0);
    }

    /** Spark settings to try over {@link SparkSettings#TRAINING}, {@code -Drnn4j.scaling.spark=key=value;key=value}. */
    private static Map<String, String> extraSparkConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        String given = System.getProperty("rnn4j.scaling.spark", "");
        for (String pair : given.split(";")) {
            if (!pair.isBlank()) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("rnn4j.scaling.spark must be key=value;..., got " + given);
                }
                conf.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return conf;
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.1f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** 32 streams of synthetic text over 232 symbols. */
    private static List<int[]> text() {
        Random random = new Random(1);
        List<int[]> streams = new ArrayList<>();
        for (int n = 0; n < STREAMS; n++) {
            int[] s = new int[STREAM_LENGTH];
            for (int t = 0; t < s.length; t++) {
                s[t] = t > 0 && random.nextInt(3) > 0 ? (s[t - 1] * 7 + 3) % VOCABULARY : random.nextInt(VOCABULARY);
            }
            streams.add(s);
        }
        return streams;
    }

    private static LanguageModel model() {
        return LanguageModel.builder(VOCABULARY).embedding(EMBEDDING).recurrent(Recurrent.lstm(HIDDEN)).seed(1).build();
    }

    private static <T> Trainer.Builder<T> configure(Trainer.Builder<T> b) {
        return b.optimizer(Adam.lr(3e-3)).clipNorm(1.0).truncatedBptt(BPTT).seed(1);
    }

    private static double singleMachineSecondsPerUpdate(List<int[]> streams) {
        UpdateSeconds seconds = new UpdateSeconds(K);
        try (LanguageModel model = model();
             Trainer<TokenBatch> trainer = configure(Trainer.builder(model)).listener(seconds).build()) {
            trainer.fit(Dataset.of(List.of(TokenBatch.nextToken(streams))), null, Epochs.of(1).maxSteps(K + TIMED));
        }
        return seconds.mean();
    }

    /** One warm-up round of k updates, then TIMED updates, on {@code master} with {@code partitions} partitions. */
    private static Map<String, Object> onSpark(String master, int partitions, int k, List<int[]> streams) {
        SparkConf conf = SparkSettings.forTraining(new SparkConf().setMaster(master).setAppName("rnn4j-scaling")
                .set("spark.ui.enabled", "false"));
        for (Map.Entry<String, String> e : extraSparkConf().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        UpdateSeconds seconds = new UpdateSeconds(K);
        try (JavaSparkContext spark = new JavaSparkContext(conf);
             LanguageModel model = model()) {
            JavaRDD<int[]> data = spark.parallelize(streams, partitions);
            data.rdd().localCheckpoint();
            data.count();
            try (SparkTrainer<TokenBatch> trainer = SparkTrainer.builder(spark, model, data, ShardedData.nextToken())
                    .syncEvery(k).trainer(b -> configure(b).listener(seconds)).build()) {
                trainer.fit(Epochs.of(1).maxSteps(K));
                StepStats.Snapshot before = trainer.stats().snapshot();
                trainer.fit(Epochs.of(1).maxSteps(K + TIMED));
                StepStats.Snapshot t = trainer.stats().snapshot().minus(before);
                double[] parts = t.overheadPartsPerJob();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("partitions", partitions);
                m.put("parameters", Parameters.count(model.parameters()));
                m.put("updates_timed", t.updates());
                m.put("jobs_timed", t.jobs());
                m.put("seconds_per_update", seconds.mean());
                m.put("job_seconds_per_update", t.secondsPerStep());
                m.put("compute_seconds_per_update", t.computeSecondsPerStep());
                m.put("driver_seconds_per_update", seconds.mean() - t.secondsPerStep());
                m.put("job_seconds", t.secondsPerJob());
                m.put("overhead_seconds_per_job", t.overheadSecondsPerJob());
                m.put("broadcast_seconds_per_job", parts[0]);
                m.put("share_seconds_per_job", parts[1]);
                m.put("read_seconds_per_job", parts[2]);
                m.put("merge_seconds_per_job", parts[3]);
                m.put("spark_rest_seconds_per_job", parts[4]);
                m.put("bytes_sent_per_partition_per_job", trainer.stats().gradientBytes());
                m.put("task_bytes", trainer.stats().taskBytes());
                m.put("empty_job_seconds", emptyJobSeconds(data));
                System.out.printf(Locale.ROOT, "%s, syncEvery %d: %s%n", master, k, m);
                return m;
            }
        }
    }

    /**
     * Spark's floor: the mean wall time of a job of the same shape (the same RDD, one small result per partition,
     * treeAggregate) that computes nothing — what no change to rnn4j's jobs can remove, only fewer jobs.
     */
    private static double emptyJobSeconds(JavaRDD<int[]> data) {
        int jobs = 8;
        long start = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            data.mapPartitionsWithIndex((p, it) -> List.of(p).iterator(), true)
                    .treeAggregate(0, Integer::sum, Integer::sum, 2);
        }
        return (System.nanoTime() - start) / 1e9 / jobs;
    }

    /** The mean wall time of the updates after the warm-up. */
    private static final class UpdateSeconds implements TrainingListener {
        private final int warmUp;
        private final List<Double> seconds = new ArrayList<>();

        UpdateSeconds(int warmUp) {
            this.warmUp = warmUp;
        }

        @Override
        public void onStep(StepReport report) {
            if (report.step() > warmUp) {
                seconds.add(report.seconds());
            }
        }

        double mean() {
            return seconds.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }
    }
}
