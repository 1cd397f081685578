package org.rnn4j.examples.fashion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rnn4j.data.SequenceBatch;
import org.rnn4j.examples.cli.ExampleOptions;
import org.rnn4j.examples.cli.Plots;
import org.rnn4j.examples.cli.Report;
import org.rnn4j.models.ClassificationBatch;
import org.rnn4j.models.Pooling;
import org.rnn4j.models.SequenceClassifier;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.Dataset;
import org.rnn4j.train.Metric;
import org.rnn4j.train.StepReport;
import org.rnn4j.train.Trainer;
import org.rnn4j.train.TrainingListener;
import org.rnn4j.train.TrainingSummary;
import org.rnn4j.train.ValidationReport;
import org.rnn4j.train.ValidationSchedule;
import org.rnn4j.train.optim.Schedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rnn4j fashion}: many-to-one classification. Each Fashion-MNIST image is read as a sequence of
 * its 28 pixel rows (28 steps of 28 features); a bidirectional recurrent layer reads the rows top-down
 * and bottom-up, the final states of both directions are concatenated and a linear layer scores the
 * ten classes. Prints the test accuracy over the 10 000 test images, writes a confusion-matrix PNG and
 * the learning curves, and saves the model.
 */
@Command(name = "fashion", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Many-to-one: classifies Fashion-MNIST images read row by row (28 steps x 28 pixels) with a"
                + " bidirectional GRU; prints the test accuracy, writes a confusion-matrix PNG and saves the model.",
                "Data: the Debian package dataset-fashion-mnist (" + FashionMnist.INSTALL + ")."},
        footer = {"", "Writes under --out: model/ (safetensors + config.json), confusion.png, curves.png.",
                "Report metrics: test_accuracy."})
public final class FashionCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(FashionCommand.class);
    private static final String TASK = "fashion";

    @Mixin
    private ExampleOptions options;

    @Mixin
    private FashionData fashionData;

    @Option(names = "--cell", paramLabel = "gru|lstm", description = "The recurrent cell (default: ${DEFAULT-VALUE}).")
    private String cell = "gru";

    @Option(names = "--hidden", paramLabel = "H",
            description = "Hidden units per direction (default: ${DEFAULT-VALUE}).")
    private int hidden = 128;

    @Option(names = "--batch", paramLabel = "N", description = "Images per update (default: ${DEFAULT-VALUE}).")
    private int batch = 128;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate = 2e-3;

    @Override
    public Integer call() throws Exception {
        FashionCommands.check("--hidden", hidden, 1, 4096);
        FashionCommands.check("--batch", batch, 1, 4096);
        fashionData.check();
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("--lr must be in (0, 1), got " + learningRate);
        }
        var spec = FashionCommands.cell(cell, hidden);
        var budget = options.budget(6_000, 3.0);
        Path out = options.out(TASK);

        // 1. The data: the training images (minus a held-out validation slice) and the test images.
        FashionData.Split split = fashionData.load();
        FashionMnist train = split.train();
        FashionMnist validation = split.validation();
        FashionMnist test = split.test();
        if (batch > train.size()) {
            throw new IllegalArgumentException("--batch " + batch + " is more than the " + train.size()
                    + " training images");
        }
        System.out.printf(Locale.ROOT, "Fashion-MNIST: %d training, %d validation, %d test images of 28 x 28%n",
                train.size(), validation.size(), test.size());

        // 2. The model: rows [28, N, 28] -> bidirectional recurrent layer -> final states of both
        //    directions [N, 2H] -> dropout -> linear [N, 10], trained on cross-entropy.
        long started = System.nanoTime();
        try (SequenceClassifier model = SequenceClassifier.builder(FashionMnist.COLUMNS, FashionMnist.CLASSES.size())
                .recurrent(spec.bidirectional().dropout(0.1))
                .pooling(Pooling.LAST)
                .seed(options.seed())
                .backend(options.backend())
                .build()) {

            // 3. The trainer: Adam, its learning rate halved every 1 000 updates, gradient clipping, the
            //    accuracy on the progress bar, a validation every 200 updates; curves kept for the plot.
            Curves curves = new Curves();
            try (Trainer<ClassificationBatch> trainer = Trainer.builder(model)
                    .optimizer(Adam.lr(learningRate))
                    .schedule(Schedule.step(1_000, 0.5))
                    .clipNorm(1.0)
                    .metrics(Metric.ACCURACY)
                    .validateEvery(ValidationSchedule.everySteps(200))
                    .progressBar()
                    .listener(curves)
                    .seed(options.seed())
                    .build()) {

                // 4. Train: a new order of the training images every epoch, batches made as they are needed.
                var trainBatches = new ShuffledBatches<>(train.size(), batch, options.seed(),
                        indices -> batchOf(train, indices));
                var validationBatches = Dataset.of(
                        ShuffledBatches.inOrder(validation.size(), 500).stream()
                                .map(indices -> batchOf(validation, indices)).toList());
                TrainingSummary summary = trainer.fit(trainBatches, validationBatches, budget);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "trained %d updates (%d epochs) in %.1f s on %s: %s%n",
                        summary.steps(), summary.epochs(), seconds, model.backend(), summary.stopReason());

                // 5. Test: the likeliest class of every test image, and the confusion matrix.
                int[][] confusion = new int[10][10];
                for (int[] indices : ShuffledBatches.inOrder(test.size(), 500)) {
                    int[] predicted = model.predict(batchOf(test, indices).sequences());
                    for (int i = 0; i < indices.length; i++) {
                        confusion[test.label(indices[i])][predicted[i]]++;
                    }
                }
                double accuracy = ConfusionMatrix.accuracy(confusion);
                System.out.printf(Locale.ROOT, "test accuracy %.4f on %d test images%n", accuracy, test.size());
                System.out.print(ConfusionMatrix.perClass(confusion, FashionMnist.CLASSES));

                // 6. Files: the confusion matrix, the curves, the model.
                ConfusionMatrix.save(confusion, FashionMnist.CLASSES, String.format(Locale.ROOT,
                        "Fashion-MNIST test confusion (accuracy %.4f)", accuracy), out.resolve("confusion.png"));
                curves.save(out.resolve("curves.png"));
                model.save(out.resolve("model"));
                System.out.println("wrote " + out.resolve("confusion.png") + ", " + out.resolve("curves.png")
                        + " and " + out.resolve("model"));

                new Report(TASK, model.backend())
                        .run(seconds, summary)
                        .metric("test_accuracy", accuracy)
                        .field("cell", cell.toLowerCase(Locale.ROOT))
                        .field("hidden", hidden)
                        .write(options.report());
            }
        }
        return 0;
    }

    /** Images {@code indices} as a batch [28, N, 28] of full-length sequences with their labels. */
    static ClassificationBatch batchOf(FashionMnist images, int[] indices) {
        List<float[][]> sequences = new ArrayList<>(indices.length);
        long[] labels = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            sequences.add(images.rows(indices[i]));
            labels[i] = images.label(indices[i]);
        }
        return new ClassificationBatch(SequenceBatch.of(sequences), labels);
    }

    /** The training loss of each update and the validation accuracy, for curves.png. */
    private static final class Curves implements TrainingListener {
        private final List<double[]> train = new ArrayList<>();
        private final List<double[]> validation = new ArrayList<>();

        @Override
        public void onStep(StepReport report) {
            train.add(new double[] {report.step(), report.metric(Metric.ACCURACY)});
        }

        @Override
        public void onValidation(ValidationReport report) {
            double accuracy = report.metric(Metric.ACCURACY);
            validation.add(new double[] {report.step(), accuracy});
            LOG.info("step {}: validation accuracy {}", report.step(), accuracy);
        }

        void save(Path png) throws java.io.IOException {
            var chart = Plots.chart("Fashion-MNIST, row by row", "update", "accuracy");
            Plots.line(chart, "training (batch, smoothed)", column(smooth(train, 50), 0), column(smooth(train, 50), 1));
            Plots.line(chart, "validation", column(validation, 0), column(validation, 1));
            Plots.save(chart, png);
        }

        private static List<double[]> smooth(List<double[]> points, int window) {
            List<double[]> out = new ArrayList<>();
            double sum = 0;
            for (int i = 0; i < points.size(); i++) {
                sum += points.get(i)[1];
                if (i >= window) {
                    sum -= points.get(i - window)[1];
                }
                out.add(new double[] {points.get(i)[0], sum / Math.min(i + 1, window)});
            }
            return out;
        }

        private static double[] column(List<double[]> points, int c) {
            return points.stream().mapToDouble(p -> p[c]).toArray();
        }
    }
}
