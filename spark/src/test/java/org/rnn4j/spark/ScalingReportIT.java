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
 * The char-LM main job's model and step (embedding 48 → LSTM 256 → linear 232; 32 streams × 100
 * characters, truncated BPTT, Adam, clipping) on synthetic text: on {@code local[1]} and {@code local[2]}
 * the step time, the job time, the slowest partition's compute time and the gradient bytes (and, for
 * reference, the step time on one machine without Spark). Projection to P executors on a 10 Gb/s network,
 * weak scaling (each executor keeps the main job's 32 streams, the global batch grows with P), from
 * local[1]'s step taken apart:
 * <pre>
 *   t(P) = s + o + a(P) + b(P),  efficiency E(P) = s / t(P)
 *   s    = c + u: the work a single machine does too — the partition's forward and backward c (measured on
 *          the executor) and the driver's clip and Adam step u (step time minus job time)
 *   o    = what Spark adds without a network: local[1]'s job time minus c (scheduling, the broadcast,
 *          serialising the parameters and the gradient sums, the aggregation)
 *   a(P) = treeAggregate (depth 2): the f64 partial sums, 8 bytes per parameter, received one after another
 *          at each level's busiest receiver (its fan-in, as Spark's treeAggregate cuts the levels) at 10 Gb/s
 *   b(P) = TorrentBroadcast of the f32 parameters, 4 bytes each: (1 + log2 P) transfers at 10 Gb/s
 * </pre>
 * Timings on a machine shared with other work overstate o; the report says when it was measured.
 */
class ScalingReportIT {
    private static final int VOCABULARY = 232;
    private static final int EMBEDDING = 48;
    private static final int HIDDEN = 256;
    private static final int STREAMS = 32;
    private static final int BPTT = 100;
    private static final int WARM_UP = 2;
    private static final int STEPS = Integer.getInteger("rnn4j.scaling.steps", 6);
    private static final double BYTES_PER_SECOND = 10e9 / 8;

    @Test
    void measureAndProject() throws IOException {
        List<int[]> streams = text();
        double single = singleMachineSecondsPerStep(streams);
        Map<String, Object> local1 = onSpark("local[1]", 1, streams);
        Map<String, Object> local2 = onSpark("local[2]", 2, streams);
        long parameters = (long) local1.get("parameters");
        double compute = (double) local1.get("slowest_partition_compute_seconds");
        double update = (double) local1.get("seconds_per_step") - (double) local1.get("job_seconds_per_step");
        double overhead = (double) local1.get("job_overhead_seconds");
        double work = compute + update;
        Map<String, Object> projected = new LinkedHashMap<>();
        for (int p : new int[] {4, 8, 16}) {
            double aggregation = 8.0 * parameters * fanIns(p) / BYTES_PER_SECOND;
            double broadcast = 4.0 * parameters * (1 + Math.log(p) / Math.log(2)) / BYTES_PER_SECOND;
            double step = work + overhead + aggregation + broadcast;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("aggregation_seconds", aggregation);
            row.put("broadcast_seconds", broadcast);
            row.put("step_seconds", step);
            row.put("efficiency", work / step);
            projected.put(Integer.toString(p), row);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", "LanguageModel: embedding " + EMBEDDING + " → LSTM " + HIDDEN + " → linear " + VOCABULARY
                + ", " + STREAMS + " streams × " + BPTT + " characters per executor per step, Adam, clip 1.0");
        report.put("parameters", parameters);
        report.put("gradient_bytes_per_executor", 8 * parameters);
        report.put("parameter_broadcast_bytes", 4 * parameters);
        report.put("single_machine_seconds_per_step", single);
        report.put("local_1", local1);
        report.put("local_2", local2);
        report.put("work_seconds_per_step", work);
        report.put("spark_overhead_seconds_per_step", overhead);
        report.put("efficiency_without_spark_overhead_4", work / (work + 8.0 * parameters * fanIns(4) / BYTES_PER_SECOND
                + 4.0 * parameters * 3 / BYTES_PER_SECOND));
        report.put("network_bytes_per_second", BYTES_PER_SECOND);
        report.put("projected", projected);
        report.put("note", "measured while " + Runtime.getRuntime().availableProcessors() + " cores were shared with "
                + "other work (load average " + loadAverage() + "): the overhead o is an upper bound; projection model in "
                + "ScalingReportIT's comment");
        Path out = Path.of("target", "scaling-report.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
        System.out.println(Files.readString(out));
        assertTrue(single > 0 && work > 0 && parameters > 0);
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.1f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Each level's busiest receiver's fan-in, summed, as Spark's treeAggregate (depth 2) cuts P partitions. */
    static int fanIns(int partitions) {
        int scale = Math.max((int) Math.ceil(Math.pow(partitions, 1.0 / 2)), 2);
        int n = partitions;
        int total = 0;
        while (n > scale + (int) Math.ceil((double) n / scale)) {
            int next = n / scale;
            total += (int) Math.ceil((double) n / next);
            n = next;
        }
        return total + n;
    }

    /** 32 streams of synthetic text over 232 symbols, long enough for the warm-up and the timed steps. */
    private static List<int[]> text() {
        Random random = new Random(1);
        List<int[]> streams = new ArrayList<>();
        for (int n = 0; n < STREAMS; n++) {
            int[] s = new int[BPTT * (WARM_UP + STEPS) + 2];
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

    private static double singleMachineSecondsPerStep(List<int[]> streams) {
        StepSeconds seconds = new StepSeconds();
        try (LanguageModel model = model();
             Trainer<TokenBatch> trainer = configure(Trainer.builder(model)).listener(seconds).build()) {
            trainer.fit(Dataset.of(List.of(TokenBatch.nextToken(streams))), null, Epochs.of(1).maxSteps(WARM_UP + STEPS));
        }
        return seconds.mean();
    }

    private static Map<String, Object> onSpark(String master, int partitions, List<int[]> streams) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName("rnn4j-scaling").set("spark.ui.enabled", "false");
        StepSeconds seconds = new StepSeconds();
        try (JavaSparkContext spark = new JavaSparkContext(conf);
             LanguageModel model = model();
             SparkTrainer<TokenBatch> trainer = SparkTrainer.builder(spark, model,
                             spark.parallelize(streams, partitions), ShardedData.nextToken())
                     .trainer(b -> configure(b).listener(seconds)).build()) {
            trainer.fit(Epochs.of(1).maxSteps(WARM_UP));
            StepStats.Snapshot before = trainer.stats().snapshot();
            trainer.fit(Epochs.of(1).maxSteps(WARM_UP + STEPS));
            StepStats.Snapshot timed = trainer.stats().snapshot().minus(before);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("partitions", partitions);
            m.put("parameters", Parameters.count(model.parameters()));
            m.put("seconds_per_step", seconds.mean());
            m.put("job_seconds_per_step", timed.secondsPerStep());
            m.put("slowest_partition_compute_seconds", timed.computeSecondsPerStep());
            m.put("job_overhead_seconds", timed.secondsPerStep() - timed.computeSecondsPerStep());
            System.out.printf(Locale.ROOT, "%s: %s%n", master, m);
            return m;
        }
    }

    /** The mean wall time of the steps after the warm-up. */
    private static final class StepSeconds implements TrainingListener {
        private final List<Double> seconds = new ArrayList<>();

        @Override
        public void onStep(StepReport report) {
            if (report.step() > WARM_UP) {
                seconds.add(report.seconds());
            }
        }

        double mean() {
            return seconds.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }
    }
}
