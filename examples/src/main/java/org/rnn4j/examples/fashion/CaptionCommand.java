package org.rnn4j.examples.fashion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rnn4j.examples.cli.ExampleOptions;
import org.rnn4j.examples.cli.Plots;
import org.rnn4j.examples.cli.Report;
import org.rnn4j.infer.ModelStream;
import org.rnn4j.infer.Sampling;
import org.rnn4j.models.OneToMany;
import org.rnn4j.models.OneToManyBatch;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rnn4j caption}: one-to-many from a vector. A Fashion-MNIST image (784 pixels) goes through a
 * linear "bridge" into the initial hidden state of a character-level GRU decoder, which then writes the
 * image's class name one character at a time ("ankle boot", then end of sequence). Trained with teacher
 * forcing; tested by greedy decoding of every test image, counting the captions that are exactly right.
 */
@Command(name = "caption", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"One-to-many: encodes a Fashion-MNIST image into a GRU decoder's initial state and generates"
                + " its class name character by character; prints the test set's exact-match rate (greedy) and a"
                + " few captions, and saves the model.",
                "Data: the Debian package dataset-fashion-mnist (" + FashionMnist.INSTALL + ")."},
        footer = {"", "Writes under --out: model/ (safetensors + config.json), curves.png.",
                "Report metrics: caption_exact_match."})
public final class CaptionCommand implements Callable<Integer> {
    private static final String TASK = "caption";
    /** The start and end tokens; the characters come after them. */
    private static final int BOS = 0;
    private static final int EOS = 1;
    /** Longer than the longest class name ("t-shirt/top"). */
    private static final int MAX_LENGTH = 16;

    @Mixin
    private ExampleOptions options;

    @Mixin
    private FashionData fashionData;

    @Option(names = "--cell", paramLabel = "gru|lstm", description = "The decoder's cell (default: ${DEFAULT-VALUE}).")
    private String cell = "gru";

    @Option(names = "--hidden", paramLabel = "H",
            description = "The decoder's hidden units (default: ${DEFAULT-VALUE}).")
    private int hidden = 256;

    @Option(names = "--layers", paramLabel = "L", description = "Stacked decoder layers, each started from the image"
            + " (default: ${DEFAULT-VALUE}).")
    private int layers = 2;

    @Option(names = "--batch", paramLabel = "N", description = "Images per update (default: ${DEFAULT-VALUE}).")
    private int batch = 128;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate = 2e-3;

    @Option(names = "--examples", paramLabel = "K", description = "Captions to print (default: ${DEFAULT-VALUE}).")
    private int examples = 8;

    @Override
    public Integer call() throws Exception {
        FashionCommands.check("--hidden", hidden, 1, 4096);
        FashionCommands.check("--layers", layers, 1, 8);
        FashionCommands.check("--batch", batch, 1, 4096);
        fashionData.check();
        FashionCommands.check("--examples", examples, 0, 10_000);
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("--lr must be in (0, 1), got " + learningRate);
        }
        var spec = FashionCommands.cell(cell, hidden).layers(layers);
        var budget = options.budget(4_000, 3.0);
        Path out = options.out(TASK);

        // 1. The data: images as vectors of 784 pixels, their captions as character ids.
        FashionData.Split split = fashionData.load();
        FashionMnist train = split.train();
        FashionMnist validation = split.validation();
        FashionMnist test = split.test();
        if (batch > train.size()) {
            throw new IllegalArgumentException("--batch " + batch + " is more than the " + train.size()
                    + " training images");
        }
        Captions captions = new Captions(FashionMnist.CLASSES);
        System.out.printf(Locale.ROOT, "Fashion-MNIST: %d training, %d validation, %d test images; %d characters"
                + " in the captions: \"%s\"%n", train.size(), validation.size(), test.size(),
                captions.alphabet().length(), captions.alphabet());

        // 2. The model: image [N, 784] -> linear bridge -> initial h of each decoder layer; the decoder
        //    reads bos, c1, c2, ... and predicts c1, c2, ..., eos.
        long started = System.nanoTime();
        try (OneToMany model = OneToMany.builder(FashionMnist.PIXELS, captions.vocabularySize())
                .embedding(16)
                .recurrent(spec)
                .bos(BOS)
                .eos(EOS)
                .seed(options.seed())
                .backend(options.backend())
                .build()) {

            // 3. The trainer: Adam, its learning rate halved every 1 000 updates, gradient clipping, the
            //    per-character accuracy on the progress bar, a validation every 200 updates (with a greedy
            //    captioning of the validation images, for the plot).
            Curves curves = new Curves(model, validation, captions);
            try (Trainer<OneToManyBatch> trainer = Trainer.builder(model)
                    .optimizer(Adam.lr(learningRate))
                    .schedule(Schedule.step(1_000, 0.5))
                    .clipNorm(1.0)
                    .metrics(Metric.ACCURACY)
                    .validateEvery(ValidationSchedule.everySteps(200))
                    .progressBar()
                    .listener(curves)
                    .seed(options.seed())
                    .build()) {

                // 4. Train with teacher forcing on shuffled batches.
                var trainBatches = new ShuffledBatches<>(train.size(), batch, options.seed(),
                        indices -> batchOf(train, indices, captions));
                var validationBatches = Dataset.of(ShuffledBatches.inOrder(validation.size(), 500).stream()
                        .map(indices -> batchOf(validation, indices, captions)).toList());
                TrainingSummary summary = trainer.fit(trainBatches, validationBatches, budget);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "trained %d updates (%d epochs) in %.1f s on %s: %s%n",
                        summary.steps(), summary.epochs(), seconds, model.backend(), summary.stopReason());

                // 5. Caption every test image greedily and count the exact matches.
                int exact = 0;
                int invented = 0;                      // captions that are no class name at all
                List<String> shown = new ArrayList<>();                // the first few captions
                List<String> mistakes = new ArrayList<>();             // and a few wrong ones after them
                for (int[] indices : ShuffledBatches.inOrder(test.size(), 500)) {
                    String[] generated = greedy(model, test, indices, captions);
                    for (int i = 0; i < indices.length; i++) {
                        int truth = test.label(indices[i]);
                        int said = FashionMnist.CLASSES.indexOf(generated[i]);
                        exact += said == truth ? 1 : 0;
                        invented += said < 0 ? 1 : 0;
                        boolean wrong = said != truth;
                        if (shown.size() < examples || wrong && mistakes.size() < 3) {
                            (shown.size() < examples ? shown : mistakes).add(String.format(Locale.ROOT, "  test image %5d  %-12s -> \"%s\"%s", indices[i],
                                    FashionMnist.CLASSES.get(truth), generated[i], said == truth ? ""
                                            : said < 0 ? "   (not a class name)" : "   (wrong)"));
                        }
                    }
                }
                double exactMatch = (double) exact / test.size();
                shown.forEach(System.out::println);
                mistakes.forEach(System.out::println);
                System.out.printf(Locale.ROOT, "caption exact match %.4f on %d test images (%d captions were not a"
                        + " class name)%n", exactMatch, test.size(), invented);

                // 6. Files: the curves and the model.
                curves.save(out.resolve("curves.png"));
                model.save(out.resolve("model"));
                System.out.println("wrote " + out.resolve("curves.png") + " and " + out.resolve("model"));

                new Report(TASK, model.backend())
                        .run(seconds, summary)
                        .metric("caption_exact_match", exactMatch)
                        .field("cell", cell.toLowerCase(Locale.ROOT))
                        .field("hidden", hidden)
                        .field("layers", layers)
                        .write(options.report());
            }
        }
        return 0;
    }

    /** Images {@code indices} as vectors and their captions, teacher-forced. */
    static OneToManyBatch batchOf(FashionMnist images, int[] indices, Captions captions) {
        float[][] vectors = new float[indices.length][];
        List<int[]> sequences = new ArrayList<>(indices.length);
        for (int i = 0; i < indices.length; i++) {
            vectors[i] = images.vector(indices[i]);
            sequences.add(captions.encode(images.label(indices[i])));
        }
        return OneToManyBatch.of(vectors, sequences, BOS, EOS);
    }

    /**
     * Greedy decoding of images {@code indices}, all at once: one stream per image, each started from
     * its image's state; feed bos, then at every step the likeliest character, until eos or MAX_LENGTH.
     */
    static String[] greedy(OneToMany model, FashionMnist images, int[] indices, Captions captions) {
        float[][] vectors = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            vectors[i] = images.vector(indices[i]);
        }
        StringBuilder[] text = new StringBuilder[indices.length];
        boolean[] done = new boolean[indices.length];
        try (ModelStream stream = model.stream(vectors)) {
            int[] next = new int[indices.length];
            Arrays.fill(next, BOS);
            for (int i = 0; i < indices.length; i++) {
                text[i] = new StringBuilder();
            }
            for (int t = 0; t < MAX_LENGTH; t++) {
                float[][] logits = stream.step(next);                                  // [N][V]
                boolean all = true;
                for (int i = 0; i < indices.length; i++) {
                    next[i] = Sampling.greedy(logits[i]);
                    if (!done[i]) {
                        if (next[i] == EOS) {
                            done[i] = true;
                        } else {
                            text[i].append(captions.character(next[i]));
                        }
                    }
                    all &= done[i];
                }
                if (all) {
                    break;
                }
            }
        }
        return Arrays.stream(text).map(StringBuilder::toString).toArray(String[]::new);
    }

    /** The captions' characters: id 0 is bos, 1 eos, then each character of the class names, sorted. */
    static final class Captions {
        private final String alphabet;
        private final List<int[]> encoded = new ArrayList<>();

        Captions(List<String> names) {
            this.alphabet = names.stream().flatMapToInt(String::chars).distinct().sorted()
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            for (String name : names) {
                encoded.add(name.chars().map(c -> 2 + alphabet.indexOf(c)).toArray());
            }
        }

        String alphabet() {
            return alphabet;
        }

        int vocabularySize() {
            return 2 + alphabet.length();
        }

        int[] encode(int label) {
            return encoded.get(label).clone();
        }

        /** The character of id {@code id}, or '?' for bos/eos. */
        char character(int id) {
            return id >= 2 && id < vocabularySize() ? alphabet.charAt(id - 2) : '?';
        }
    }

    /**
     * The teacher-forced per-character accuracy (training batches, validation) and, at every validation,
     * the greedy exact-match rate on the validation images: what the model would really write.
     */
    private static final class Curves implements TrainingListener {
        private final OneToMany model;
        private final FashionMnist images;
        private final Captions captions;
        private final List<double[]> train = new ArrayList<>();
        private final List<double[]> validation = new ArrayList<>();
        private final List<double[]> exact = new ArrayList<>();

        Curves(OneToMany model, FashionMnist images, Captions captions) {
            this.model = model;
            this.images = images;
            this.captions = captions;
        }

        @Override
        public void onStep(StepReport report) {
            train.add(new double[] {report.step(), report.metric(Metric.ACCURACY)});
        }

        @Override
        public void onValidation(ValidationReport report) {
            validation.add(new double[] {report.step(), report.metric(Metric.ACCURACY)});
            int right = 0;
            for (int[] indices : ShuffledBatches.inOrder(images.size(), 500)) {
                String[] generated = greedy(model, images, indices, captions);
                for (int i = 0; i < indices.length; i++) {
                    right += generated[i].equals(FashionMnist.CLASSES.get(images.label(indices[i]))) ? 1 : 0;
                }
            }
            exact.add(new double[] {report.step(), (double) right / images.size()});
        }

        void save(Path png) throws java.io.IOException {
            var chart = Plots.chart("Fashion-MNIST captions", "update", "rate");
            Plots.line(chart, "character accuracy, teacher-forced (training batch)", column(train, 0),
                    column(train, 1));
            Plots.line(chart, "character accuracy, teacher-forced (validation)", column(validation, 0),
                    column(validation, 1));
            Plots.line(chart, "caption exact match, greedy (validation)", column(exact, 0), column(exact, 1));
            Plots.save(chart, png);
        }

        private static double[] column(List<double[]> points, int c) {
            return points.stream().mapToDouble(p -> p[c]).toArray();
        }
    }
}
