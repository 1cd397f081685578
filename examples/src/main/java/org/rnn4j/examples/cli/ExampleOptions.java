package org.rnn4j.examples.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.rnn4j.backend.Backend;
import org.rnn4j.train.Epochs;
import picocli.CommandLine.Option;

/**
 * The options every example takes (a picocli mixin): {@code --backend native|jvm}, {@code --seed N},
 * a budget ({@code --steps N} and/or {@code --minutes M}: whichever ends first), {@code --out DIR} for
 * PNGs and the saved model, and {@code --report FILE.json}.
 */
public final class ExampleOptions {
    @Option(names = "--backend", paramLabel = "native|jvm", converter = BackendConverter.class,
            description = "Where the math runs (default: native, or jvm where the native library does not load).")
    private Backend backend;

    @Option(names = "--seed", paramLabel = "N", description = "Seeds data, initial weights and dropout (default ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Option(names = "--steps", paramLabel = "N", description = "Stop after N updates.")
    private Long steps;

    @Option(names = "--minutes", paramLabel = "M", description = "Stop after M minutes of training (fractions allowed).")
    private Double minutes;

    @Option(names = "--out", paramLabel = "DIR", description = "Where PNGs and the saved model go (default: out/<task>).")
    private Path out;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Writes the run's figures as JSON.")
    private Path report;

    /** The backend asked for, or the default one. */
    public Backend backend() {
        return backend != null ? backend : org.rnn4j.rnn.RnnEngines.defaultBackend();
    }

    public long seed() {
        return seed;
    }

    /** The output directory: {@code --out}, else {@code out/<task>}. */
    public Path out(String task) {
        return out != null ? out : Path.of("out", task);
    }

    /** The report file, or null. */
    public Path report() {
        return report;
    }

    /**
     * The training budget: {@code --steps} and {@code --minutes} as given (whichever ends first), each
     * defaulting to the example's own when neither is given.
     */
    public Epochs budget(long defaultSteps, double defaultMinutes) {
        if (steps != null && steps <= 0) {
            throw new IllegalArgumentException("--steps must be > 0, got " + steps);
        }
        if (minutes != null && !(minutes > 0 && minutes <= 1e6)) {
            throw new IllegalArgumentException("--minutes must be in (0, 1e6], got " + minutes);
        }
        long maxSteps = steps != null ? steps : minutes != null ? Long.MAX_VALUE : defaultSteps;
        double m = minutes != null ? minutes : steps != null ? 0 : defaultMinutes;
        Epochs epochs = Epochs.of(Integer.MAX_VALUE).maxSteps(maxSteps);
        return m > 0 ? epochs.maxTime(Duration.ofMillis(Math.round(m * 60_000))) : epochs;
    }

    /** Parses {@code native|jvm}. */
    public static final class BackendConverter implements picocli.CommandLine.ITypeConverter<Backend> {
        @Override
        public Backend convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "native" -> Backend.NATIVE;
                case "jvm" -> Backend.JVM;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "expected native or jvm, got '" + value + "'");
            };
        }
    }
}
