package org.rnn4j.examples.adding;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.rnn4j.backend.Backend;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.examples.cli.ExampleOptions;
import org.rnn4j.examples.cli.Plots;
import org.rnn4j.examples.cli.Report;
import org.rnn4j.models.RegressionBatch;
import org.rnn4j.models.SequenceRegressor;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.nn.RecurrentSpec;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.Dataset;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.StepReport;
import org.rnn4j.train.Trainer;
import org.rnn4j.train.TrainingListener;
import org.rnn4j.train.TrainingSummary;
import org.rnn4j.train.ValidationReport;
import org.rnn4j.train.ValidationSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The adding problem (Hochreiter &amp; Schmidhuber 1997): vanishing and exploding gradients, and why gates fix
 * them. Each input is T pairs (value in [0, 1], marker in {0, 1}); exactly two steps are marked, one in
 * each half of the sequence, and the target is the sum of the two marked values. A network that has not
 * learnt to carry a value across ~T/2 steps can do no better than predict the mean sum, 1, whose mean
 * squared error is the variance of a sum of two uniforms, 2/12 ≈ 0.167. A tanh RNN's gradient through
 * T steps vanishes and it stays at that baseline; an LSTM or a GRU breaks out of it.
 *
 * <pre>
 *   scripts/rnn4j adding --cell lstm --length 100
 *   scripts/rnn4j adding --cell rnn_tanh --length 100 --no-clip   # the gradient norm explodes
 * </pre>
 */
@Command(name = "adding", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The adding problem: a many-to-one SequenceRegressor learns the sum of the two marked values of"
                + " T (value, marker) pairs. Shows vanishing gradients (the tanh RNN stays at the baseline MSE of"
                + " always predicting 1, about 0.167, while LSTM and GRU fall far below it) and, with --no-clip,"
                + " exploding ones (the gradient norm per update is plotted and reported as max_grad_norm).",
                "Default budget, the same for every cell: 3000 updates or 10 minutes, whichever ends first.",
                "Writes <out>/adding-<cell>-T<length>.png: test MSE against updates with the baseline, and the"
                        + " gradient norm of every update."})
public final class AddingCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(AddingCommand.class);
    private static final String TASK = "adding";
    /**
     * The same budget for every cell: 3000 updates (the LSTM at T = 100, hidden 128 leaves the baseline after
     * about 2100 of them), and minutes as a cap.
     */
    static final long DEFAULT_STEPS = 3000;
    static final double DEFAULT_MINUTES = 10;
    private static final int TEST_SEQUENCES = 1000;
    private static final int BATCHES_PER_EPOCH = 100;

    @Option(names = "--cell", paramLabel = "rnn_tanh|lstm|gru", converter = CellConverter.class,
            description = "The recurrent cell (default ${DEFAULT-VALUE}).", defaultValue = "lstm")
    private Cell cell;

    @Option(names = "--length", paramLabel = "T", description = "Steps per sequence, >= 2 (default ${DEFAULT-VALUE}).",
            defaultValue = "100")
    private int length;

    @Option(names = "--no-clip", description = "Do not clip the gradient norm (default: clip it to 1).")
    private boolean noClip;

    @Option(names = "--hidden", paramLabel = "H", description = "Hidden size (default ${DEFAULT-VALUE}).",
            defaultValue = "128")
    private int hidden;

    @Option(names = "--batch", paramLabel = "N", description = "Sequences per update (default ${DEFAULT-VALUE}).",
            defaultValue = "64")
    private int batch;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam's learning rate (default ${DEFAULT-VALUE}).",
            defaultValue = "2e-3")
    private double learningRate;

    @Option(names = "--validate-every", paramLabel = "K",
            description = "Evaluate the test MSE every K updates, for the curve (default ${DEFAULT-VALUE}).",
            defaultValue = "100")
    private int validateEvery;

    @Mixin
    private ExampleOptions options;

    /** The three cells the issue compares, by their command-line names. */
    public enum Cell {
        RNN_TANH("rnn_tanh"), LSTM("lstm"), GRU("gru");

        private final String label;

        Cell(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        RecurrentSpec spec(int hiddenSize) {
            return switch (this) {
                case RNN_TANH -> Recurrent.rnn(hiddenSize);
                case LSTM -> Recurrent.lstm(hiddenSize);
                case GRU -> Recurrent.gru(hiddenSize);
            };
        }
    }

    static final class CellConverter implements ITypeConverter<Cell> {
        @Override
        public Cell convert(String value) {
            for (Cell c : Cell.values()) {
                if (c.label.equals(value.toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
            throw new TypeConversionException("expected rnn_tanh, lstm or gru, got '" + value + "'");
        }
    }

    @Override
    public Integer call() throws IOException {
        if (length < 2 || length > 100_000) {
            throw new IllegalArgumentException("--length must be in [2, 100000], got " + length);
        }
        if (hidden <= 0 || batch <= 0 || validateEvery <= 0) {
            throw new IllegalArgumentException("--hidden, --batch and --validate-every must be > 0");
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("--lr must be in (0, 1), got " + learningRate);
        }
        Epochs budget = options.budget(DEFAULT_STEPS, DEFAULT_MINUTES);
        Backend backend = options.backend();
        long seed = options.seed();
        System.out.printf(Locale.ROOT, "adding problem: %s, hidden %d, T = %d, batch %d, Adam %.3g, %s, %s backend%n",
                cell.label, hidden, length, batch, learningRate, noClip ? "no clipping" : "gradient norm clipped to 1",
                backend.name().toLowerCase(Locale.ROOT));

        // 1. Data: fresh training sequences every update (drawn from the seed and the update's position), and
        //    a fixed test set drawn from another stream.
        Dataset<RegressionBatch> train = new FreshBatches(length, batch, BATCHES_PER_EPOCH, seed);
        List<RegressionBatch> test = new ArrayList<>();
        SplittableRandom testRandom = new SplittableRandom(seed ^ 0x7E57_7E57L);
        for (int i = 0; i < TEST_SEQUENCES; i += 250) {
            test.add(addingBatch(length, Math.min(250, TEST_SEQUENCES - i), testRandom));
        }
        double baseline = baselineMse(test);
        System.out.printf("test set: %d sequences; always predicting 1 gives MSE %.4f%n", TEST_SEQUENCES, baseline);

        // 2. The model: (value, marker) pairs → one recurrent layer → its last state → a linear read-out of one value.
        List<double[]> curve = new ArrayList<>();                 // {update, test MSE}
        List<Double> gradientNorms = new ArrayList<>();           // per update, before clipping
        long start = System.nanoTime();
        try (SequenceRegressor model = SequenceRegressor.builder(2, 1).recurrent(cell.spec(hidden)).seed(seed)
                .backend(backend).build()) {
            // 3. The trainer: Adam (2e-3 by default), the gradient's global norm clipped to 1 (unless --no-clip), the test MSE
            //    every K updates, and a listener that keeps the curve and every update's gradient norm.
            Trainer.Builder<RegressionBatch> builder = Trainer.builder(model).optimizer(Adam.lr(learningRate)).seed(seed)
                    .validateEvery(ValidationSchedule.everySteps(validateEvery)).progressBar()
                    .listener(new TrainingListener() {
                        @Override
                        public void onStep(StepReport report) {
                            gradientNorms.add(report.gradientNorm());
                        }

                        @Override
                        public void onValidation(ValidationReport report) {
                            curve.add(new double[] {report.step(), report.loss().mean()});
                            LOG.info("update {}: test MSE {}", report.step(), report.loss().mean());
                        }
                    });
            if (!noClip) {
                builder.clipNorm(1);
            }
            double testMse;
            TrainingSummary summary;
            long steps;
            try (Trainer<RegressionBatch> trainer = builder.build()) {
                Dataset<RegressionBatch> testData = Dataset.of(test);
                curve.add(new double[] {0, trainer.evaluate(testData).mean()});

                // 4. Train on the budget (the same for every cell), then the final test MSE.
                summary = trainer.fit(train, testData, budget);
                steps = summary.steps();
                testMse = trainer.evaluate(testData).mean();
                if (curve.get(curve.size() - 1)[0] != steps) {
                    curve.add(new double[] {steps, testMse});
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double maxNorm = gradientNorms.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max()
                    .orElse(Double.NaN);
            long skipped = gradientNorms.stream().filter(g -> !Double.isFinite(g)).count();

            // 5. The key numbers, the plot and the report.
            System.out.printf("%s, T = %d: test MSE %.4f after %d updates (baseline %.4f, %.1f%% of it) in %.1f s%n",
                    cell.label, length, testMse, steps, baseline, 100 * testMse / baseline, seconds);
            System.out.printf("gradient norm before clipping: max %.3g, last %.3g%s%n", maxNorm,
                    gradientNorms.isEmpty() ? Double.NaN : gradientNorms.get(gradientNorms.size() - 1),
                    skipped > 0 ? ", " + skipped + " updates skipped (not finite)" : "");
            System.out.println(verdict(testMse, baseline));
            Path png = options.out(TASK).resolve("adding-" + cell.label + "-T" + length + (noClip ? "-noclip" : "")
                    + ".png");
            plot(png, curve, gradientNorms, baseline);
            System.out.println("plot: " + png);

            Map<String, Object> curveField = new LinkedHashMap<>();
            curveField.put("steps", curve.stream().mapToLong(p -> (long) p[0]).toArray());
            curveField.put("test_mse", curve.stream().mapToDouble(p -> p[1]).toArray());
            new Report(TASK, backend).run(seconds, summary)
                    .metric("test_mse", testMse)
                    .metric("baseline_mse", baseline)
                    .metric("max_grad_norm", maxNorm)
                    .field("cell", cell.label)
                    .field("length", length)
                    .field("hidden", hidden)
                    .field("batch", batch)
                    .field("learning_rate", learningRate)
                    .field("clip_norm", noClip ? null : 1.0)
                    .field("test_curve", curveField)
                    .field("grad_norm_per_step", gradientNorms.stream().mapToDouble(Double::doubleValue).toArray())
                    .write(options.report());
        }
        return 0;
    }

    /** One line that says what the number means. */
    static String verdict(double mse, double baseline) {
        if (mse < 0.1 * baseline) {
            return "learnt: the network carries the marked values across the sequence (MSE < 10% of the baseline)";
        }
        if (mse < 0.7 * baseline) {
            return "partly learnt: below the baseline, still far from solved";
        }
        return "not learnt: at the baseline of always predicting 1 (the gradient from the target does not reach"
                + " the marked steps)";
    }

    /**
     * N adding sequences of T steps: feature 0 a value uniform in [0, 1], feature 1 the marker; one marker in
     * the first half, one in the second; target the sum of the two marked values.
     */
    static RegressionBatch addingBatch(int steps, int n, SplittableRandom random) {
        float[][][] sequences = new float[n][steps][2];
        float[] targets = new float[n];
        int half = steps / 2;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < steps; t++) {
                sequences[i][t][0] = (float) random.nextDouble();
            }
            int first = random.nextInt(half);
            int second = half + random.nextInt(steps - half);
            sequences[i][first][1] = 1;
            sequences[i][second][1] = 1;
            targets[i] = sequences[i][first][0] + sequences[i][second][0];
        }
        return new RegressionBatch(SequenceBatch.of(List.of(sequences)), targets);
    }

    /** The MSE of always predicting 1 on {@code batches}, computed (≈ 1/6). */
    static double baselineMse(List<RegressionBatch> batches) {
        double sum = 0;
        long count = 0;
        for (RegressionBatch b : batches) {
            for (float y : b.targets()) {
                sum += (y - 1.0) * (y - 1.0);
                count++;
            }
        }
        return sum / count;
    }

    /** Training batches drawn afresh for every update: batch b of epoch e from its own seeded stream. */
    private record FreshBatches(int steps, int batch, int perEpoch, long seed) implements Dataset<RegressionBatch> {
        @Override
        public Iterable<RegressionBatch> epoch(int epoch) {
            return epoch(epoch, 0);
        }

        @Override
        public Iterable<RegressionBatch> epoch(int epoch, int fromBatch) {
            return () -> new Iterator<>() {
                private int next = fromBatch;

                @Override
                public boolean hasNext() {
                    return next < perEpoch;
                }

                @Override
                public RegressionBatch next() {
                    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + (long) epoch * perEpoch + next++);
                    return addingBatch(steps, batch, random);
                }
            };
        }

        @Override
        public int size() {
            return perEpoch;
        }
    }

    /** Two charts one above the other: test MSE with the baseline, and the gradient norm of every update. */
    private void plot(Path png, List<double[]> curve, List<Double> norms, double baseline) throws IOException {
        double lastStep = curve.isEmpty() ? 1 : Math.max(1, curve.get(curve.size() - 1)[0]);
        XYChart mse = Plots.chart("Adding problem, " + cell.label + ", T = " + length + (noClip ? ", no clipping" : "")
                + ": test MSE", "update", "test MSE (log)");
        mse.getStyler().setYAxisLogarithmic(true);
        Plots.line(mse, cell.label, curve.stream().mapToDouble(p -> p[0]).toArray(),
                curve.stream().mapToDouble(p -> p[1]).toArray());
        Plots.level(mse, String.format(Locale.ROOT, "always 1 (%.3f)", baseline), baseline, 0, lastStep);

        XYChart grad = Plots.chart("Global gradient norm before clipping" + (noClip ? "" : " (clipped to 1)"), "update",
                "gradient norm (log)");
        double[] x = new double[norms.size()];
        double[] y = new double[norms.size()];
        int k = 0;
        for (int i = 0; i < norms.size(); i++) {
            double g = norms.get(i);
            if (Double.isFinite(g) && g > 0) {
                x[k] = i + 1;
                y[k++] = g;
            }
        }
        if (k > 0) {
            grad.getStyler().setYAxisLogarithmic(true);
            Plots.line(grad, "gradient norm", java.util.Arrays.copyOf(x, k), java.util.Arrays.copyOf(y, k));
        }
        if (!noClip) {
            Plots.level(grad, "clip threshold", 1, 0, lastStep);
        }

        BufferedImage top = BitmapEncoder.getBufferedImage(mse);
        BufferedImage bottom = BitmapEncoder.getBufferedImage(grad);
        BufferedImage both = new BufferedImage(top.getWidth(), top.getHeight() + bottom.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, top.getHeight(), null);
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(both, "png", png.toFile());
    }
}
