package org.rnn4j.examples.speech;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rnn4j.Direction;
import org.rnn4j.data.BucketedBatches;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.examples.cli.ExampleOptions;
import org.rnn4j.examples.cli.Plots;
import org.rnn4j.examples.cli.Report;
import org.rnn4j.infer.CtcDecoding;
import org.rnn4j.models.SequenceTranscriber;
import org.rnn4j.models.TranscriptionBatch;
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
import org.rnn4j.train.optim.Schedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rnn4j speech}: a spoken-digit-string recogniser trained end to end with CTC on synthetic speech.
 * espeak-ng speaks digit strings in many voices ({@link SpokenDigits}); 40 log-mel energies every 10 ms
 * ({@link LogMel}), normalised and stacked into steps ({@link SpeechFeatures}), go through a 2-layer
 * bidirectional LSTM or GRU and a linear layer to 11 classes (the blank and ten digits) at every step
 * ({@link SequenceTranscriber}, variable-length batches on the packed path). Reports the digit error rate and
 * sequence accuracy on held-out voices, greedy and with prefix beam search, draws a test utterance's
 * spectrogram with its CTC posteriors, and saves the model for {@code rnn4j transcribe}.
 */
@Command(name = "speech", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Speech recognition with CTC: learns spoken digit strings (1-7 digits, espeak-ng voices) from"
                + " 40 log-mel features with a 2-layer bidirectional LSTM or GRU; tests on voices never heard in"
                + " training; saves the model for 'rnn4j transcribe'. Default budget: 3000 updates or 5 minutes.",
                "Needs espeak-ng (" + Espeak.INSTALL + "); the audio is generated once into --cache."},
        footer = {"",
                "Writes under --out: model/ (safetensors, config.json, features.json), alignment.png, curves.png.",
                "Report metrics: test_digit_error_rate, test_sequence_accuracy (greedy),"
                        + " test_digit_error_rate_beam, test_sequence_accuracy_beam, test_ctc_loss."})
public final class SpeechCommand implements Callable<Integer> {
    private static final String TASK = "speech";
    private static final int CLASSES = 11;                      // the blank and the digits 0-9

    @Mixin
    private ExampleOptions options;

    @Option(names = "--cell", paramLabel = "lstm|gru", description = "The recurrent cell (default: ${DEFAULT-VALUE}).")
    private String cell = "lstm";

    @Option(names = "--direction", paramLabel = "bi|left",
            description = "bi: bidirectional, per-utterance normalisation; left: left to right with the training set's"
                    + " normalisation, for 'transcribe --stream' (default: ${DEFAULT-VALUE}).")
    private String direction = "bi";

    @Option(names = "--hidden", paramLabel = "H",
            description = "Hidden units per direction and layer (default: ${DEFAULT-VALUE}).")
    private int hidden = 128;

    @Option(names = "--batch", paramLabel = "N", description = "Utterances per update (default: ${DEFAULT-VALUE}).")
    private int batch = 32;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate = 2e-3;

    @Option(names = "--train", paramLabel = "N", description = "Training utterances (default: ${DEFAULT-VALUE}).")
    private int trainCount = 3000;

    @Option(names = "--test", paramLabel = "N",
            description = "Test utterances, held-out voices (default: ${DEFAULT-VALUE}).")
    private int testCount = 400;

    @Option(names = "--stack", paramLabel = "K",
            description = "10 ms frames per model step (default: ${DEFAULT-VALUE}).")
    private int stack = 3;

    @Option(names = "--beam", paramLabel = "W", description = "Prefix beam width (default: ${DEFAULT-VALUE}).")
    private int beam = 8;

    @Option(names = "--snr", paramLabel = "DB", description = "Mixes white noise into all audio at this signal-to-noise"
            + " ratio in dB (default: none).")
    private Double snrDb;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where the generated audio is kept (default: ~/.cache/rnn4j/speech).")
    private Path cache = Path.of(System.getProperty("user.home"), ".cache", "rnn4j", "speech");

    @Override
    public Integer call() throws Exception {
        check("--hidden", hidden, 1, 4096);
        check("--batch", batch, 1, 4096);
        int validationCount = Math.min(200, trainCount / 10);
        check("--train", trainCount, 10 + batch, 1_000_000);
        check("--test", testCount, 1, 1_000_000);
        check("--stack", stack, 1, 10);
        check("--beam", beam, 1, 1000);
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("--lr must be in (0, 1), got " + learningRate);
        }
        if (snrDb != null && !(snrDb > -20 && snrDb < 100)) {
            throw new IllegalArgumentException("--snr must be in (-20, 100) dB, got " + snrDb);
        }
        RecurrentSpec spec = recurrent();
        Epochs budget = options.budget(3_000, 5.0);
        Path out = options.out(TASK);
        long started = System.nanoTime();

        // 1. The data: training voices (the last tenth, at most 200 utterances, for validation) and held-out voices.
        List<SpeechCorpus.Example> all = SpeechCorpus.load(cache, SpokenDigits.Split.TRAIN, trainCount, options.seed(),
                snrDb);
        List<SpeechCorpus.Example> test = SpeechCorpus.load(cache, SpokenDigits.Split.TEST, testCount, options.seed(),
                snrDb);
        List<SpeechCorpus.Example> train = all.subList(0, trainCount - validationCount);
        List<SpeechCorpus.Example> validation = all.subList(trainCount - validationCount, trainCount);
        SpeechFeatures features = spec.direction() == Direction.LEFT_TO_RIGHT
                ? SpeechFeatures.global(stack, train.stream().map(SpeechCorpus.Example::frames).toList())
                : SpeechFeatures.perUtterance(stack);
        System.out.printf(Locale.ROOT, "spoken digits: %d training, %d validation utterances (%d voices), %d test"
                        + " utterances (%d other voices); %d features every %d ms%n", train.size(), validation.size(),
                SpokenDigits.Split.TRAIN.variants.size(), test.size(), SpokenDigits.Split.TEST.variants.size(),
                features.width(), 10 * stack);

        // 2. The model: steps [T, N, 40·K] -> 2-layer recurrent -> dropout -> linear [T, N, 11], trained on CTC.
        try (SequenceTranscriber model = SequenceTranscriber.builder(features.width(), CLASSES).recurrent(spec)
                .seed(options.seed()).backend(options.backend()).build()) {

            // 3. The trainer: Adam with cosine decay over the step budget, gradients clipped, validation every 200.
            long decaySteps = budget.maxSteps() == Long.MAX_VALUE ? 3_000 : budget.maxSteps();
            Curves curves = new Curves();
            try (Trainer<TranscriptionBatch> trainer = Trainer.builder(model)
                    .optimizer(Adam.lr(learningRate))
                    .schedule(Schedule.cosine(decaySteps, 0.05))
                    .clipNorm(5.0)
                    .validateEvery(ValidationSchedule.everySteps(200))
                    .progressBar()
                    .listener(curves)
                    .seed(options.seed())
                    .build()) {

                // 4. Train on length-bucketed batches (little padding), reshuffled every epoch.
                var buckets = new BucketedBatches<>(train, batch, 20, e -> e.frames().length, options.seed());
                Dataset<TranscriptionBatch> trainBatches = Dataset.bucketed(buckets, b -> batchOf(features, b));
                Dataset<TranscriptionBatch> validationBatches = Dataset.of(inOrder(features, validation, 100));
                TrainingSummary summary = trainer.fit(trainBatches, validationBatches, budget);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "trained %d updates (%d epochs) in %.1f s on %s: %s%n",
                        summary.steps(), summary.epochs(), seconds, model.backend(), summary.stopReason());

                // 5. Test on the held-out voices: greedy and beam decoding, and the CTC loss.
                DigitErrors greedy = new DigitErrors(), beamed = new DigitErrors();
                List<TranscriptionBatch> testBatches = inOrder(features, test, 100);
                double testLoss = trainer.evaluate(Dataset.of(testBatches)).mean();
                float[][] firstPosteriors = null;
                int shown = 0;
                for (int from = 0, b = 0; from < test.size(); from += 100, b++) {
                    float[][][] p = model.probabilities(testBatches.get(b).sequences());
                    for (int i = 0; i < p.length; i++) {
                        int[] reference = test.get(from + i).digits();
                        int[] g = SpeechCorpus.digits(CtcDecoding.greedy(p[i], SequenceTranscriber.BLANK));
                        int[] w = SpeechCorpus.digits(CtcDecoding.beam(p[i], SequenceTranscriber.BLANK, beam));
                        greedy.add(reference, g);
                        beamed.add(reference, w);
                        if (!Arrays.equals(reference, w) && shown++ < 5) {
                            System.out.printf(Locale.ROOT, "  wrong: %s heard as %s (%s)%n", text(reference), text(w),
                                    test.get(from + i).utterance().variant());
                        }
                    }
                    if (firstPosteriors == null) {
                        firstPosteriors = p[0];
                    }
                }
                System.out.printf(Locale.ROOT, "test (held-out voices): digit error rate %.4f greedy, %.4f beam %d;"
                                + " sequence accuracy %.4f greedy, %.4f beam; CTC loss %.4f%n", greedy.errorRate(),
                        beamed.errorRate(), beam, greedy.sequenceAccuracy(), beamed.sequenceAccuracy(), testLoss);

                // 6. Files: the alignment of the first test utterance, the curves, the model with its features.
                SpeechCorpus.Example first = test.get(0);
                int[] heard = SpeechCorpus.digits(CtcDecoding.greedy(firstPosteriors, SequenceTranscriber.BLANK));
                AlignmentPlot.save(out.resolve("alignment.png"), String.format(Locale.ROOT,
                        "\"%s\" by %s+%s (held out), heard \"%s\"", first.utterance().text(),
                        first.utterance().accent(), first.utterance().variant(), text(heard)),
                        normalisedFrames(features, first.frames()), firstPosteriors, stack);
                curves.save(out.resolve("curves.png"));
                model.save(out.resolve("model"));
                features.save(out.resolve("model"));
                System.out.println("wrote " + out.resolve("alignment.png") + ", " + out.resolve("curves.png") + " and "
                        + out.resolve("model"));

                new Report(TASK, model.backend())
                        .run(seconds, summary.steps())
                        .metric("test_digit_error_rate", greedy.errorRate())
                        .metric("test_sequence_accuracy", greedy.sequenceAccuracy())
                        .metric("test_digit_error_rate_beam", beamed.errorRate())
                        .metric("test_sequence_accuracy_beam", beamed.sequenceAccuracy())
                        .metric("test_ctc_loss", testLoss)
                        .metric("final_training_loss", curves.lastTraining())
                        .field("cell", cell.toLowerCase(Locale.ROOT))
                        .field("direction", direction.toLowerCase(Locale.ROOT))
                        .field("hidden", hidden)
                        .field("beam", beam)
                        .write(options.report());
            }
        }
        return 0;
    }

    private RecurrentSpec recurrent() {
        RecurrentSpec base = switch (cell.toLowerCase(Locale.ROOT)) {
            case "lstm" -> Recurrent.lstm(hidden);
            case "gru" -> Recurrent.gru(hidden);
            default -> throw new IllegalArgumentException("--cell must be lstm or gru, got '" + cell + "'");
        };
        Direction d = switch (direction.toLowerCase(Locale.ROOT)) {
            case "bi" -> Direction.BIDIRECTIONAL_CONCAT;
            case "left" -> Direction.LEFT_TO_RIGHT;
            default -> throw new IllegalArgumentException("--direction must be bi or left, got '" + direction + "'");
        };
        return base.layers(2).direction(d).dropout(0.1);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    /** A batch of examples: their steps [T, N, 40·K] and their digits as classes. */
    static TranscriptionBatch batchOf(SpeechFeatures features, List<SpeechCorpus.Example> examples) {
        List<float[][]> sequences = new ArrayList<>(examples.size());
        int[][] targets = new int[examples.size()][];
        for (int i = 0; i < examples.size(); i++) {
            sequences.add(features.steps(examples.get(i).frames()));
            targets[i] = SpeechCorpus.classes(examples.get(i).digits());
        }
        return new TranscriptionBatch(SequenceBatch.of(sequences), targets);
    }

    private static List<TranscriptionBatch> inOrder(SpeechFeatures features, List<SpeechCorpus.Example> examples,
                                                    int size) {
        List<TranscriptionBatch> out = new ArrayList<>();
        for (int from = 0; from < examples.size(); from += size) {
            out.add(batchOf(features, examples.subList(from, Math.min(examples.size(), from + size))));
        }
        return out;
    }

    /** The frames as the model saw them, unstacked: [frames][40]. */
    private static float[][] normalisedFrames(SpeechFeatures features, float[][] frames) {
        return new SpeechFeatures(1, features.normalisation(), features.mean(), features.deviation()).steps(frames);
    }

    static String text(int[] digits) {
        StringBuilder out = new StringBuilder();
        for (int d : digits) {
            out.append(d);
        }
        return out.toString();
    }

    /** The training loss of each update and the validation loss, for curves.png. */
    private static final class Curves implements TrainingListener {
        private final List<double[]> train = new ArrayList<>();
        private final List<double[]> validation = new ArrayList<>();

        @Override
        public void onStep(StepReport report) {
            train.add(new double[] {report.step(), report.loss().mean()});
        }

        @Override
        public void onValidation(ValidationReport report) {
            validation.add(new double[] {report.step(), report.loss().mean()});
        }

        double lastTraining() {
            int n = Math.min(20, train.size());
            return train.subList(train.size() - n, train.size()).stream().mapToDouble(p -> p[1]).average()
                    .orElse(Double.NaN);
        }

        void save(Path png) throws java.io.IOException {
            var chart = Plots.chart("Spoken digits, CTC loss", "update", "CTC loss (per target digit)");
            Plots.line(chart, "training (batch)", column(train, 0), column(train, 1));
            Plots.line(chart, "validation (training voices)", column(validation, 0), column(validation, 1));
            Plots.save(chart, png);
        }

        private static double[] column(List<double[]> points, int c) {
            return points.stream().mapToDouble(p -> p[c]).toArray();
        }
    }
}
