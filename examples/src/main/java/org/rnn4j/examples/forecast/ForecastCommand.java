package org.rnn4j.examples.forecast;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.knowm.xchart.XYChart;
import org.rnn4j.backend.Backend;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.examples.cli.ExampleOptions;
import org.rnn4j.examples.cli.Plots;
import org.rnn4j.examples.cli.Report;
import org.rnn4j.models.RegressionBatch;
import org.rnn4j.models.SequenceRegressor;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.Dataset;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Trainer;
import org.rnn4j.train.TrainingSummary;
import org.rnn4j.train.ValidationSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Time-series forecasting on a generated Mackey–Glass series (τ = 17, {@link MackeyGlass}), sampled every
 * time unit and normalised by the training part's mean and standard deviation. The series is split in
 * time: the first 70% trains, the next 10% validates, the last 20% is held out for the test.
 *
 * <ul>
 *   <li><b>One-step, many-to-one:</b> a {@link SequenceRegressor} (LSTM) reads a window of the last W values
 *       and predicts the next one.</li>
 *   <li><b>Multi-step, many-to-many by recursion:</b> the same model forecasts H values from one window by
 *       feeding back each forecast: it is appended to the window, which slides one step on, and the model
 *       runs again. Errors compound, so the error grows with the horizon.</li>
 * </ul>
 * Both are scored by the NRMSE (root mean squared error over the held-out targets divided by their
 * standard deviation) against persistence, the forecast that the series stays at its last value.
 */
@Command(name = "forecast", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Forecasts a generated Mackey-Glass series (tau = 17): an LSTM SequenceRegressor reads the last W"
                + " values and predicts the next (many-to-one, one-step); fed its own forecasts back it forecasts H"
                + " steps ahead (many-to-many, recursive). NRMSE on the held-out last 20%% of the series against"
                + " persistence (predicting the last value).",
                "Default budget: 3000 updates or 3 minutes, whichever ends first.",
                "Writes <out>/forecast.png: truth, one-step forecasts and recursive multi-step forecasts."})
public final class ForecastCommand implements Callable<Integer> {
    private static final String TASK = "forecast";
    static final long DEFAULT_STEPS = 3000;
    static final double DEFAULT_MINUTES = 3;
    private static final int SAMPLES = 4000;

    @Option(names = "--window", paramLabel = "W", description = "Past values the model reads (default ${DEFAULT-VALUE}).",
            defaultValue = "32")
    private int window;

    @Option(names = "--horizon", paramLabel = "H",
            description = "Steps of the recursive multi-step forecast (default ${DEFAULT-VALUE}).", defaultValue = "50")
    private int horizon;

    @Option(names = "--hidden", paramLabel = "H", description = "LSTM hidden size (default ${DEFAULT-VALUE}).",
            defaultValue = "64")
    private int hidden;

    @Option(names = "--batch", paramLabel = "N", description = "Windows per update (default ${DEFAULT-VALUE}).",
            defaultValue = "64")
    private int batch;

    @Mixin
    private ExampleOptions options;

    @Override
    public Integer call() throws IOException {
        if (window < 1 || window > 1000 || horizon < 1 || horizon > 500 || hidden < 1 || batch < 1) {
            throw new IllegalArgumentException("--window must be in [1, 1000], --horizon in [1, 500], --hidden and"
                    + " --batch > 0");
        }
        Epochs budget = options.budget(DEFAULT_STEPS, DEFAULT_MINUTES);
        Backend backend = options.backend();
        long seed = options.seed();

        // 1. The series: Mackey–Glass sampled every time unit after a transient of 500, normalised by the
        //    training part's statistics; split in time into train (70%), validation (10%) and test (20%).
        double[] raw = MackeyGlass.series(SAMPLES, 1.0, 500);
        int trainEnd = SAMPLES * 7 / 10, validationEnd = SAMPLES * 8 / 10;
        double mean = 0, var = 0;
        for (int i = 0; i < trainEnd; i++) {
            mean += raw[i] / trainEnd;
        }
        for (int i = 0; i < trainEnd; i++) {
            var += (raw[i] - mean) * (raw[i] - mean) / trainEnd;
        }
        double std = Math.sqrt(var);
        float[] x = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            x[i] = (float) ((raw[i] - mean) / std);
        }
        System.out.printf("Mackey-Glass tau = 17: %d samples (train %d, validation %d, test %d), window %d, LSTM %d, %s"
                + " backend%n", SAMPLES, trainEnd, validationEnd - trainEnd, SAMPLES - validationEnd, window, hidden,
                backend.name().toLowerCase(Locale.ROOT));

        // 2. Training examples: every window of W values inside the training part, with the value after it as
        //    the target; shuffled into new batches each epoch. Validation: the windows of the validation part.
        Dataset<RegressionBatch> train = new WindowBatches(x, window, window, trainEnd, batch, seed);
        List<RegressionBatch> validation = windows(x, window, trainEnd, validationEnd, 500);

        // 3. The model: W × 1 → LSTM → its last state → linear → the next value. Adam 2e-3, clipped to 1.
        long start = System.nanoTime();
        try (SequenceRegressor model = SequenceRegressor.builder(1, 1).recurrent(Recurrent.lstm(hidden)).seed(seed)
                .backend(backend).build();
             Trainer<RegressionBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(2e-3)).clipNorm(1).seed(seed)
                     .validateEvery(ValidationSchedule.everySteps(500)).progressBar().build()) {
            TrainingSummary summary = trainer.fit(train, Dataset.of(validation), budget);
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("trained %d updates in %.1f s; validation MSE (normalised units) %.5f%n", summary.steps(),
                    trainSeconds, trainer.evaluate(Dataset.of(validation)).mean());

            // 4. One-step forecasts of every held-out value from the W true values before it, and persistence.
            int testStart = validationEnd;
            int count = SAMPLES - testStart;
            float[] oneStep = new float[count];
            for (int from = 0; from < count; from += 500) {
                int n = Math.min(500, count - from);
                float[][] windows = new float[n][];
                for (int i = 0; i < n; i++) {
                    windows[i] = slice(x, testStart + from + i - window, window);
                }
                float[][] p = model.predictions(asBatch(windows));
                for (int i = 0; i < n; i++) {
                    oneStep[from + i] = p[i][0];
                }
            }
            float[] truth = slice(x, testStart, count);
            float[] persistence = slice(x, testStart - 1, count);
            double nrmse = nrmse(oneStep, truth);
            double persistenceNrmse = nrmse(persistence, truth);
            System.out.printf("one-step (many-to-one): NRMSE %.4f, persistence %.4f%n", nrmse, persistenceNrmse);

            // 5. Multi-step forecasts: from start points every 10 steps of the test part, H steps ahead, each
            //    forecast fed back into the sliding window. Persistence repeats the last known value.
            List<Integer> starts = new ArrayList<>();
            for (int s = testStart; s + horizon <= SAMPLES; s += 10) {
                starts.add(s);
            }
            float[][] recursive = recursive(model, x, starts, window, horizon);       // [start][h]
            float[][] trueAhead = new float[starts.size()][];
            float[][] persistAhead = new float[starts.size()][horizon];
            for (int i = 0; i < starts.size(); i++) {
                trueAhead[i] = slice(x, starts.get(i), horizon);
                java.util.Arrays.fill(persistAhead[i], x[starts.get(i) - 1]);
            }
            double multiNrmse = nrmse(flatten(recursive), flatten(trueAhead));
            double multiPersistence = nrmse(flatten(persistAhead), flatten(trueAhead));
            System.out.printf("%d-step recursive (many-to-many), over all horizons: NRMSE %.4f, persistence %.4f%n",
                    horizon, multiNrmse, multiPersistence);
            StringBuilder byHorizon = new StringBuilder("  NRMSE by horizon:");
            for (int h : new int[] {1, 5, 10, 25, 50, 100, 200}) {
                if (h <= horizon) {
                    byHorizon.append(String.format(Locale.ROOT, "  h=%d %.3f (persistence %.3f)", h,
                            nrmse(column(recursive, h - 1), column(trueAhead, h - 1)),
                            nrmse(column(persistAhead, h - 1), column(trueAhead, h - 1))));
                }
            }
            System.out.println(byHorizon);
            System.out.println(nrmse < persistenceNrmse ? "the LSTM beats persistence" : "persistence is not beaten");

            // 6. The plot (first 400 held-out steps, in the series' own units) and the report.
            Path png = options.out(TASK).resolve("forecast.png");
            plot(png, x, testStart, Math.min(400, count), oneStep, starts, recursive, mean, std);
            System.out.println("plot: " + png);
            double seconds = (System.nanoTime() - start) / 1e9;
            new Report(TASK, backend).run(seconds, summary)
                    .metric("nrmse", nrmse)
                    .metric("persistence_nrmse", persistenceNrmse)
                    .metric("multistep_nrmse", multiNrmse)
                    .metric("multistep_persistence_nrmse", multiPersistence)
                    .field("window", window)
                    .field("horizon", horizon)
                    .field("hidden", hidden)
                    .write(options.report());
        }
        return 0;
    }

    /** H-step forecasts from each start: the window before it, then each forecast appended and the window slid. */
    static float[][] recursive(SequenceRegressor model, float[] x, List<Integer> starts, int window, int horizon) {
        int n = starts.size();
        float[][] windows = new float[n][];
        for (int i = 0; i < n; i++) {
            windows[i] = slice(x, starts.get(i) - window, window);
        }
        float[][] out = new float[n][horizon];
        for (int h = 0; h < horizon; h++) {
            float[][] p = model.predictions(asBatch(windows));
            for (int i = 0; i < n; i++) {
                out[i][h] = p[i][0];
                System.arraycopy(windows[i], 1, windows[i], 0, window - 1);   // slide on by one
                windows[i][window - 1] = p[i][0];                              // and feed the forecast back
            }
        }
        return out;
    }

    /** sqrt(mean((forecast − truth)²)) / std(truth). */
    static double nrmse(float[] forecast, float[] truth) {
        double mean = 0;
        for (float t : truth) {
            mean += t;
        }
        mean /= truth.length;
        double se = 0, var = 0;
        for (int i = 0; i < truth.length; i++) {
            se += (forecast[i] - truth[i]) * (double) (forecast[i] - truth[i]);
            var += (truth[i] - mean) * (truth[i] - mean);
        }
        return Math.sqrt(se / var);
    }

    /** Windows [from − W, t) → x[t] for every t in [from, to), in batches of at most {@code size}. */
    static List<RegressionBatch> windows(float[] x, int window, int from, int to, int size) {
        List<RegressionBatch> out = new ArrayList<>();
        for (int t0 = from; t0 < to; t0 += size) {
            int n = Math.min(size, to - t0);
            float[][] w = new float[n][];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                w[i] = slice(x, t0 + i - window, window);
                y[i] = x[t0 + i];
            }
            out.add(new RegressionBatch(asBatch(w), y));
        }
        return out;
    }

    /** Windows of one feature as a [W, N, 1] batch. */
    static SequenceBatch asBatch(float[][] windows) {
        float[][][] sequences = new float[windows.length][][];
        for (int i = 0; i < windows.length; i++) {
            sequences[i] = new float[windows[i].length][];
            for (int t = 0; t < windows[i].length; t++) {
                sequences[i][t] = new float[] {windows[i][t]};
            }
        }
        return SequenceBatch.of(List.of(sequences));
    }

    private static float[] slice(float[] x, int from, int length) {
        return java.util.Arrays.copyOfRange(x, from, from + length);
    }

    private static float[] flatten(float[][] rows) {
        int total = 0;
        for (float[] r : rows) {
            total += r.length;
        }
        float[] out = new float[total];
        int k = 0;
        for (float[] r : rows) {
            System.arraycopy(r, 0, out, k, r.length);
            k += r.length;
        }
        return out;
    }

    private static float[] column(float[][] rows, int j) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][j];
        }
        return out;
    }

    /** The training windows (targets t in [first, end)), reshuffled into batches each epoch from (seed, epoch). */
    private record WindowBatches(float[] x, int window, int first, int end, int batch, long seed)
            implements Dataset<RegressionBatch> {
        @Override
        public Iterable<RegressionBatch> epoch(int epoch) {
            return epoch(epoch, 0);
        }

        @Override
        public Iterable<RegressionBatch> epoch(int epoch, int fromBatch) {
            int[] targets = new int[end - first];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = first + i;
            }
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch);
            for (int i = targets.length - 1; i > 0; i--) {                 // Fisher–Yates
                int j = random.nextInt(i + 1);
                int t = targets[i];
                targets[i] = targets[j];
                targets[j] = t;
            }
            return () -> new Iterator<>() {
                private int next = fromBatch;

                @Override
                public boolean hasNext() {
                    return next < size();
                }

                @Override
                public RegressionBatch next() {
                    int from = next++ * batch;
                    float[][] w = new float[batch][];
                    float[] y = new float[batch];
                    for (int i = 0; i < batch; i++) {
                        int t = targets[from + i];
                        w[i] = slice(x, t - window, window);
                        y[i] = x[t];
                    }
                    return new RegressionBatch(asBatch(w), y);
                }
            };
        }

        @Override
        public int size() {
            return (end - first) / batch;
        }
    }

    /** Truth, one-step forecasts and the recursive forecasts from a few start points, in the series' units. */
    private void plot(Path png, float[] x, int testStart, int shown, float[] oneStep, List<Integer> starts,
                      float[][] recursive, double mean, double std) throws IOException {
        XYChart chart = Plots.chart("Mackey-Glass (tau = 17), held-out part: forecast vs truth", "t",
                "x(t)");
        double[] t = new double[shown];
        double[] truth = new double[shown];
        double[] one = new double[shown];
        for (int i = 0; i < shown; i++) {
            t[i] = testStart + i;
            truth[i] = x[testStart + i] * std + mean;
            one[i] = oneStep[i] * std + mean;
        }
        Plots.line(chart, "truth", t, truth);
        Plots.line(chart, "one-step forecast", t, one);
        int drawn = 0;
        for (int i = 0; i < starts.size() && drawn < 4; i += Math.max(1, (shown - horizon) / 40)) {
            int s = starts.get(i);
            if (s + horizon > testStart + shown) {
                break;
            }
            double[] ts = new double[horizon];
            double[] ys = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                ts[h] = s + h;
                ys[h] = recursive[i][h] * std + mean;
            }
            Plots.line(chart, horizon + "-step recursive from t=" + s, ts, ys);
            drawn++;
        }
        Plots.save(chart, png);
    }
}
