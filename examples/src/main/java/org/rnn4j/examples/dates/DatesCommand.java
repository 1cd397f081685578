package org.rnn4j.examples.dates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.rnn4j.examples.cli.ExampleOptions;
import org.rnn4j.examples.cli.Plots;
import org.rnn4j.examples.cli.Report;
import org.rnn4j.examples.text.CharVocabulary;
import org.rnn4j.infer.ModelStream;
import org.rnn4j.models.Seq2Seq;
import org.rnn4j.models.Seq2SeqBatch;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.Dataset;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Metric;
import org.rnn4j.train.StepReport;
import org.rnn4j.train.Trainer;
import org.rnn4j.train.TrainingListener;
import org.rnn4j.train.TrainingSummary;
import org.rnn4j.train.ValidationReport;
import org.rnn4j.train.ValidationSchedule;
import org.rnn4j.train.optim.Schedule;
import org.knowm.xchart.XYChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rnn4j dates}: many-to-many unaligned, the encoder–decoder shape. A character-level
 * {@link Seq2Seq} (LSTM encoder, whose final state starts an LSTM decoder) learns to translate dates
 * written in a dozen human formats ("3rd of March 1997", "03/03/97", "Monday, March 3, 1997", ...) to
 * ISO 8601 ("1997-03-03"). It is scored on dates it never saw in training, decoded greedily and by beam
 * search, and, separately, on one format held out of training entirely.
 */
@Command(name = "dates", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Encoder-decoder (seq2seq) date translation: a character-level LSTM encoder-decoder learns to turn"
                + " dates in 13 human formats (\"3rd of March 1997\", \"03/03/97\", \"Monday, March 3, 1997\", ...)"
                + " into ISO 8601 (\"1997-03-03\"). Dates are generated (1950-2049, seeded); held-out dates are never"
                + " seen in training, and one format (--unseen-format) is kept out of training entirely.",
            "Prints exact match (greedy and beam) on held-out dates and on the unseen format, a few"
                + " translations, and writes the model and a PNG of the training curves under --out.",
            ""},
        footer = {"", "Report metrics: exact_match, unseen_format_exact_match, beam_exact_match, unseen_format_beam_exact_match,"
                + " char_accuracy, unseen_format_char_accuracy, val_loss, final_train_loss."})
public final class DatesCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DatesCommand.class);
    private static final String TASK = "dates";
    /** Target ids: 0 starts decoding, 1 ends it, then '-' and the digits. */
    private static final int BOS = 0;
    private static final int EOS = 1;
    private static final CharVocabulary ISO_CHARS = CharVocabulary.of("-0123456789");
    /** An ISO date has 10 characters; the decoder may write one more before it must stop. */
    private static final int MAX_TARGET = 11;
    /** The default budget: 4000 updates or 2.5 minutes of training, whichever ends first. */
    private static final long DEFAULT_STEPS = 4000;
    private static final double DEFAULT_MINUTES = 2.5;

    @Mixin
    private ExampleOptions options;

    @Option(names = "--unseen-format", paramLabel = "NAME", defaultValue = DateFormats.DEFAULT_UNSEEN,
            completionCandidates = FormatNames.class,
            description = "The format kept out of training and scored separately (default ${DEFAULT-VALUE},"
                    + " \"3 March 1997\"). One of: ${COMPLETION-CANDIDATES}. upper-dd-mon (03-MAR-1997) is the hard"
                    + " case: its capital month abbreviations appear in no other format.")
    private String unseenFormat;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "128",
            description = "LSTM hidden size of the encoder and the decoder (default ${DEFAULT-VALUE}).")
    private int hidden;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32",
            description = "Date pairs per update (default ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.005",
            description = "Adam's learning rate (default ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--beam", paramLabel = "WIDTH", defaultValue = "5",
            description = "Beam width of the beam-search decoding (default ${DEFAULT-VALUE}).")
    private int beamWidth;

    @Option(names = "--test", paramLabel = "N", defaultValue = "1000",
            description = "Held-out dates scored at the end, in the training formats and in the unseen one"
                    + " (default ${DEFAULT-VALUE}).")
    private int testDates;

    @Option(names = "--show", paramLabel = "N", defaultValue = "4",
            description = "Translations printed per group (default ${DEFAULT-VALUE}).")
    private int show;

    /** The formats' names, for --help. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return DateFormats.ALL.stream().map(DateFormats.Format::name).iterator();
        }
    }

    /** One source–target pair: the written date, its ids, the ISO target's ids. */
    record Example(LocalDate date, String format, String text, int[] source, int[] target) {
    }

    /** The figures of one decoding pass over a set of examples. */
    record Score(double exactMatch, double charAccuracy, List<String> decoded) {
    }

    @Override
    public Integer call() throws IOException {
        checkArguments();
        Epochs budget = options.budget(DEFAULT_STEPS, DEFAULT_MINUTES);
        long started = System.nanoTime();
        DateFormats.Format unseen = DateFormats.named(unseenFormat);
        List<DateFormats.Format> seen = DateFormats.ALL.stream().filter(f -> f != unseen).toList();

        // 1. Split the calendar: every day of 1950-2049 shuffled by the seed; the first --test days are
        //    held out (never trained on, in any format), the next 500 validate, the rest (~35,000) train.
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = DateFormats.FIRST; !d.isAfter(DateFormats.LAST); d = d.plusDays(1)) {
            days.add(d);
        }
        Collections.shuffle(days, new Random(options.seed()));
        int validationDates = 500;
        List<LocalDate> test = days.subList(0, testDates);
        List<LocalDate> validation = days.subList(testDates, testDates + validationDates);
        List<LocalDate> training = days.subList(testDates + validationDates, days.size());

        // 2. Vocabularies: the source is every character any format writes (the unseen one included, so its
        //    characters have ids; its sequences are never trained on); the target is '-' and the digits
        //    after bos and eos.
        CharVocabulary source = sourceVocabulary();
        System.out.printf(Locale.ROOT, "dates: %d formats (%s held out), %d training / %d validation / %d test"
                + " dates, %d source characters%n", DateFormats.ALL.size(), unseen.name(), training.size(),
                validation.size(), test.size(), source.size());

        // 3. The data: each epoch pairs every training date with a training format drawn at random, and
        //    buckets the pairs by source length so little of a batch is padding. Validation and test pairs
        //    are drawn once.
        Random draws = new Random(options.seed() + 1);
        List<Example> validationSet = examples(validation, seen, source, draws);
        List<Example> testSet = examples(test, seen, source, draws);
        List<Example> unseenSet = examples(test, List.of(unseen), source, draws);
        Dataset<Seq2SeqBatch> train = trainingData(training, seen, source);
        Dataset<Seq2SeqBatch> validate = Dataset.of(batches(validationSet));

        // 4. The model: embeddings of 32, an LSTM encoder and an LSTM decoder of --hidden units.
        try (Seq2Seq model = Seq2Seq.builder(source.size(), ISO_CHARS.size() + 2).embedding(32)
                .recurrent(Recurrent.lstm(hidden)).bos(BOS).eos(EOS).seed(options.seed())
                .backend(options.backend()).build()) {
            Curves curves = new Curves(model, validationSet.subList(0, 200),
                    examples(validation.subList(0, 200), List.of(unseen), source, draws));

            // 5. Train with teacher forcing: Adam, its learning rate falling along half a cosine to 5% over the
            //    step budget (over DEFAULT_STEPS when only --minutes bounds the run), gradients clipped to norm
            //    1, validated every 100 updates (with the greedy exact match of 200 validation dates in the training
            //    formats and in the unseen one, for the plot only: nothing is chosen by them).
            long decaySteps = budget.maxSteps() == Long.MAX_VALUE ? DEFAULT_STEPS : budget.maxSteps();
            TrainingSummary summary;
            try (Trainer<Seq2SeqBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(learningRate))
                    .schedule(Schedule.cosine(decaySteps, 0.05)).clipNorm(1)
                    .metrics(Metric.ACCURACY).validateEvery(ValidationSchedule.everySteps(100)).progressBar()
                    .listener(curves).seed(options.seed()).build()) {
                summary = trainer.fit(train, validate, budget);
            }
            double trainSeconds = (System.nanoTime() - started) / 1e9;
            double validationLoss = model.evaluate(batch(validationSet)).mean();
            System.out.printf(Locale.ROOT, "trained %d updates in %.0f s (%s); validation loss %.4f nats/char%n",
                    summary.steps(), trainSeconds, summary.stopReason(), validationLoss);

            // 6. Score held-out dates: greedy decoding (all at once, one step for every date) and beam search
            //    (one date at a time), in the training formats and in the unseen one.
            long scoring = System.nanoTime();
            Score greedySeen = greedy(model, testSet);
            Score greedyUnseen = greedy(model, unseenSet);
            Score beamSeen = beam(model, testSet);
            Score beamUnseen = beam(model, unseenSet);
            System.out.printf(Locale.ROOT, "held-out dates, training formats: exact match %.4f greedy, %.4f beam %d"
                    + " (character accuracy %.4f)%n", greedySeen.exactMatch(), beamSeen.exactMatch(), beamWidth,
                    greedySeen.charAccuracy());
            System.out.printf(Locale.ROOT, "held-out dates, unseen format %s (\"%s\"): exact match %.4f greedy, %.4f"
                    + " beam %d (character accuracy %.4f)%n", unseen.name(), unseen.apply(LocalDate.of(1997, 3, 3)),
                    greedyUnseen.exactMatch(), beamUnseen.exactMatch(), beamWidth, greedyUnseen.charAccuracy());
            printPerFormat(testSet, greedySeen);
            System.out.printf(Locale.ROOT, "scored %d + %d held-out dates in %.1f s%n", testSet.size(), unseenSet.size(),
                    (System.nanoTime() - scoring) / 1e9);

            // 7. A few translations of each kind.
            System.out.println("translations (source -> greedy | beam):");
            printTranslations(testSet, greedySeen, beamSeen, false);
            printTranslations(unseenSet, greedyUnseen, beamUnseen, false);
            System.out.println("more mistakes (greedy):");
            printTranslations(testSet, greedySeen, beamSeen, true);
            printTranslations(unseenSet, greedyUnseen, beamUnseen, true);

            // 8. Save the model (safetensors + config.json) with its source characters, and plot the curves.
            Path out = options.out(TASK);
            Path modelDir = out.resolve("model");
            model.save(modelDir);
            Files.writeString(modelDir.resolve("source-characters.txt"),
                    source.decode(java.util.stream.IntStream.range(0, source.size()).toArray()), StandardCharsets.UTF_8);
            Path png = out.resolve("dates-training.png");
            curves.plot(png);
            System.out.println("saved " + modelDir + " and " + png);

            // 9. The report.
            double seconds = (System.nanoTime() - started) / 1e9;
            new Report(TASK, model.backend()).run(seconds, summary)
                    .metric("exact_match", greedySeen.exactMatch())
                    .metric("unseen_format_exact_match", greedyUnseen.exactMatch())
                    .metric("beam_exact_match", beamSeen.exactMatch())
                    .metric("unseen_format_beam_exact_match", beamUnseen.exactMatch())
                    .metric("char_accuracy", greedySeen.charAccuracy())
                    .metric("unseen_format_char_accuracy", greedyUnseen.charAccuracy())
                    .metric("val_loss", validationLoss)
                    .metric("final_train_loss", curves.lastTrainingLoss())
                    .field("unseen_format", unseen.name())
                    .field("hidden", hidden)
                    .field("beam_width", beamWidth)
                    .write(options.report());
            LOG.info("dates finished in {} s", seconds);
        }
        return 0;
    }

    private void checkArguments() {
        DateFormats.named(unseenFormat);
        positive("--hidden", hidden);
        positive("--batch", batchSize);
        positive("--beam", beamWidth);
        positive("--test", testDates);
        if (testDates > 10_000) {
            throw new IllegalArgumentException("--test must be <= 10000, got " + testDates);
        }
        if (show < 0) {
            throw new IllegalArgumentException("--show must be >= 0, got " + show);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("--lr must be in (0, 1), got " + learningRate);
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    /** Every character the formats write: all formats over a whole year (every month and weekday) and the digits. */
    static CharVocabulary sourceVocabulary() {
        StringBuilder text = new StringBuilder("0123456789");
        for (LocalDate d = LocalDate.of(1997, 1, 1); d.getYear() == 1997; d = d.plusDays(1)) {
            for (DateFormats.Format f : DateFormats.ALL) {
                text.append(f.apply(d));
            }
        }
        return CharVocabulary.of(text.toString());
    }

    /** Each date written in a format drawn from {@code formats}. */
    private static List<Example> examples(List<LocalDate> dates, List<DateFormats.Format> formats,
                                          CharVocabulary source, Random random) {
        List<Example> out = new ArrayList<>(dates.size());
        for (LocalDate date : dates) {
            DateFormats.Format format = formats.get(random.nextInt(formats.size()));
            String text = format.apply(date);
            int[] target = ISO_CHARS.encode(DateFormats.iso(date));
            for (int i = 0; i < target.length; i++) {
                target[i] += 2;                                   // after bos and eos
            }
            out.add(new Example(date, format.name(), text, source.encode(text), target));
        }
        return out;
    }

    /** Teacher-forced batches: decoder inputs [bos, y...], targets [y..., eos]. */
    private static Seq2SeqBatch batch(List<Example> examples) {
        return Seq2SeqBatch.of(examples.stream().map(Example::source).toList(),
                examples.stream().map(Example::target).toList(), BOS, EOS);
    }

    private List<Seq2SeqBatch> batches(List<Example> examples) {
        List<Seq2SeqBatch> out = new ArrayList<>();
        for (int i = 0; i < examples.size(); i += batchSize) {
            out.add(batch(examples.subList(i, Math.min(examples.size(), i + batchSize))));
        }
        return out;
    }

    /**
     * Epoch e: the training dates, each in a format drawn from (seed, e), in batches whose sources all have
     * the same length (so the native backend runs each batch as one fused oneDNN call, with no padding),
     * in an order drawn from (seed, e) too.
     */
    private Dataset<Seq2SeqBatch> trainingData(List<LocalDate> dates, List<DateFormats.Format> formats,
                                               CharVocabulary source) {
        long seed = options.seed();
        return new Dataset<>() {
            @Override
            public Iterable<Seq2SeqBatch> epoch(int epoch) {
                Random random = new Random(seed * 1_000_003L + epoch);
                Map<Integer, List<Example>> byLength = new java.util.TreeMap<>();
                for (Example e : examples(dates, formats, source, random)) {
                    byLength.computeIfAbsent(e.source().length, k -> new ArrayList<>()).add(e);
                }
                List<List<Example>> groups = new ArrayList<>();
                for (List<Example> sameLength : byLength.values()) {
                    for (int i = 0; i < sameLength.size(); i += batchSize) {
                        groups.add(sameLength.subList(i, Math.min(sameLength.size(), i + batchSize)));
                    }
                }
                Collections.shuffle(groups, random);
                return groups.stream().map(DatesCommand::batch).toList();
            }
        };
    }

    /**
     * Greedy decoding of every example at once: one decoder stream per source, fed bos and then its own
     * likeliest character, until eos (or {@link #MAX_TARGET} characters).
     */
    static Score greedy(Seq2Seq model, List<Example> examples) {
        int n = examples.size();
        List<StringBuilder> decoded = new ArrayList<>();
        boolean[] done = new boolean[n];
        try (ModelStream stream = model.stream(examples.stream().map(Example::source).toList())) {
            int[] next = new int[n];
            java.util.Arrays.fill(next, BOS);
            for (int i = 0; i < n; i++) {
                decoded.add(new StringBuilder());
            }
            for (int t = 0; t < MAX_TARGET; t++) {
                float[][] logits = stream.step(next);                       // [N][V]
                for (int i = 0; i < n; i++) {
                    next[i] = argmax(logits[i]);
                    if (next[i] == EOS) {
                        done[i] = true;
                    } else if (!done[i]) {
                        decoded.get(i).append(ISO_CHARS.decode(new int[] {next[i] - 2}));
                    }
                }
            }
        }
        return score(examples, decoded.stream().map(StringBuilder::toString).toList());
    }

    /** Beam search of width --beam, one example at a time. */
    private Score beam(Seq2Seq model, List<Example> examples) {
        List<String> decoded = new ArrayList<>();
        for (Example e : examples) {
            decoded.add(text(model.beamSearch(e.source(), beamWidth, MAX_TARGET)));
        }
        return score(examples, decoded);
    }

    /** The ISO text of target ids (bos, eos or out-of-range ids written as '?'). */
    private static String text(int[] ids) {
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            out.append(id >= 2 && id < ISO_CHARS.size() + 2 ? ISO_CHARS.decode(new int[] {id - 2}) : "?");
        }
        return out.toString();
    }

    /** Exact match, and the fraction of the 10 target characters decoded right in place. */
    private static Score score(List<Example> examples, List<String> decoded) {
        int exact = 0;
        long right = 0;
        long total = 0;
        for (int i = 0; i < examples.size(); i++) {
            String want = DateFormats.iso(examples.get(i).date());
            String got = decoded.get(i);
            exact += want.equals(got) ? 1 : 0;
            for (int c = 0; c < want.length(); c++) {
                right += c < got.length() && got.charAt(c) == want.charAt(c) ? 1 : 0;
            }
            total += want.length();
        }
        return new Score((double) exact / examples.size(), (double) right / total, decoded);
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int v = 1; v < values.length; v++) {
            if (values[v] > values[best]) {
                best = v;
            }
        }
        return best;
    }

    private static void printPerFormat(List<Example> examples, Score score) {
        Map<String, int[]> byFormat = new LinkedHashMap<>();
        for (DateFormats.Format f : DateFormats.ALL) {
            byFormat.put(f.name(), new int[2]);
        }
        for (int i = 0; i < examples.size(); i++) {
            int[] counts = byFormat.get(examples.get(i).format());
            counts[0] += DateFormats.iso(examples.get(i).date()).equals(score.decoded().get(i)) ? 1 : 0;
            counts[1]++;
        }
        System.out.println("greedy exact match per training format: " + byFormat.entrySet().stream()
                .filter(e -> e.getValue()[1] > 0)
                .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), (double) e.getValue()[0] / e.getValue()[1]))
                .collect(Collectors.joining(", ")));
    }

    /** The first --show translations, or with {@code mistakes} the next --show that greedy decoding got wrong. */
    private void printTranslations(List<Example> examples, Score greedy, Score beam, boolean mistakes) {
        int printed = 0;
        for (int i = mistakes ? show : 0; i < examples.size() && printed < show; i++) {
            Example e = examples.get(i);
            String want = DateFormats.iso(e.date());
            if (mistakes && want.equals(greedy.decoded().get(i))) {
                continue;
            }
            printed++;
            System.out.printf(Locale.ROOT, "  %-32s -> %-10s %s | %-10s %s   (%s%s)%n", "\"" + e.text() + "\"",
                    greedy.decoded().get(i), mark(want, greedy.decoded().get(i)), beam.decoded().get(i),
                    mark(want, beam.decoded().get(i)), e.format(), want.equals(greedy.decoded().get(i)) ? "" : ", want " + want);
        }
    }

    private static String mark(String want, String got) {
        return want.equals(got) ? "ok" : "x ";
    }

    /** The training and validation losses and the validation exact match, every validation, for the PNG. */
    private static final class Curves implements TrainingListener {
        private final Seq2Seq model;
        private final List<Example> probe;
        private final List<Example> unseenProbe;
        private final List<double[]> train = new ArrayList<>();       // {step, mean loss since the last point}
        private final List<double[]> validation = new ArrayList<>();  // {step, loss, exact match, unseen exact match}
        private double lossSum;
        private int lossCount;
        private double lastLoss = Double.NaN;

        Curves(Seq2Seq model, List<Example> probe, List<Example> unseenProbe) {
            this.model = model;
            this.probe = probe;
            this.unseenProbe = unseenProbe;
        }

        @Override
        public void onStep(StepReport report) {
            lastLoss = report.loss().mean();
            lossSum += lastLoss;
            lossCount++;
        }

        @Override
        public void onValidation(ValidationReport report) {
            if (lossCount > 0) {
                train.add(new double[] {report.step(), lossSum / lossCount});
                lossSum = 0;
                lossCount = 0;
            }
            double exact = greedy(model, probe).exactMatch();
            validation.add(new double[] {report.step(), report.loss().mean(), exact,
                greedy(model, unseenProbe).exactMatch()});
            LOG.info("step {}: validation loss {}, greedy exact match {}", report.step(), report.loss().mean(), exact);
        }

        double lastTrainingLoss() {
            return lastLoss;
        }

        void plot(Path png) throws IOException {
            XYChart chart = Plots.chart("dates: encoder-decoder LSTM, teacher-forced loss and greedy exact match",
                    "update", "loss (nats/char) | exact match");
            Plots.line(chart, "training loss", column(train, 0), column(train, 1));
            Plots.line(chart, "validation loss", column(validation, 0), column(validation, 1));
            Plots.line(chart, "validation exact match (greedy)", column(validation, 0), column(validation, 2));
            Plots.line(chart, "unseen-format exact match (greedy)", column(validation, 0), column(validation, 3));
            Plots.save(chart, png);
        }

        private static double[] column(List<double[]> rows, int c) {
            return rows.stream().mapToDouble(r -> r[c]).toArray();
        }
    }
}
