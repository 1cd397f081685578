package org.rnn4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.rnn4j.nn.LossValue;

/**
 * Appends one line per update and per validation to a file, as CSV (header
 * {@code kind,step,epoch,batch,loss,weight,learning_rate,gradient_norm,skipped,diverged,seconds} followed by the
 * {@link Metric#key()} of each of the trainer's metrics, e.g. {@code ,accuracy,perplexity,bpc}) or JSON
 * lines (one object per line with the same keys). A resumed run appends to the same file. Each line is
 * flushed as it is written.
 */
public final class MetricsLog implements TrainingListener {
    private static final String HEADER =
            "kind,step,epoch,batch,loss,weight,learning_rate,gradient_norm,skipped,diverged,seconds";

    /** Line format. */
    public enum Format {
        CSV,
        JSON_LINES
    }

    private final Path file;
    private final Format format;
    private Writer out;

    public MetricsLog(Path file, Format format) {
        this.file = Objects.requireNonNull(file, "file");
        this.format = Objects.requireNonNull(format, "format");
    }

    /** CSV when the name ends in {@code .csv}, else JSON lines. */
    public static MetricsLog to(Path file) {
        return new MetricsLog(file, file.getFileName().toString().endsWith(".csv") ? Format.CSV : Format.JSON_LINES);
    }

    @Override
    public void onStep(StepReport r) {
        write("step", r.step(), r.epoch(), r.batch(), r.loss(), r.learningRate(), r.gradientNorm(), r.skipped(),
                r.diverged(), r.seconds(), r.metrics());
    }

    @Override
    public void onValidation(ValidationReport r) {
        write("validation", r.step(), r.epoch(), -1, r.loss(), Double.NaN, Double.NaN, false, false, 0, r.metrics());
    }

    @Override
    public void onEnd() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close metrics log " + file, e);
            } finally {
                out = null;
            }
        }
    }

    private void write(String kind, long step, int epoch, int batch, LossValue loss, double rate, double norm,
                       boolean skipped, boolean diverged, double seconds, List<Metric> metrics) {
        try {
            open(metrics);
            if (format == Format.CSV) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s,%d,%d,%d,%s,%s,%s,%s,%b,%b,%s",
                        kind, step, epoch, batch, number(loss.mean()), number(loss.weight()), number(rate),
                        number(norm), skipped, diverged, number(seconds)));
                for (Metric m : metrics) {
                    line.append(',').append(number(m.of(loss)));
                }
                out.write(line.append(System.lineSeparator()).toString());
            } else {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "{\"kind\":\"%s\",\"step\":%d,"
                                + "\"epoch\":%d,\"batch\":%d,\"loss\":%s,\"weight\":%s,\"learning_rate\":%s,"
                                + "\"gradient_norm\":%s,\"skipped\":%b,\"diverged\":%b,\"seconds\":%s", kind, step,
                        epoch, batch, json(loss.mean()), json(loss.weight()), json(rate), json(norm), skipped, diverged,
                        json(seconds)));
                for (Metric m : metrics) {
                    line.append(",\"").append(m.key()).append("\":").append(json(m.of(loss)));
                }
                out.write(line.append('}').append(System.lineSeparator()).toString());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics log " + file, e);
        }
    }

    /** Opens the file for appending; a new CSV file starts with the header of {@code metrics}. */
    private void open(List<Metric> metrics) throws IOException {
        if (out != null) {
            return;
        }
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (fresh && format == Format.CSV) {
            StringBuilder header = new StringBuilder(HEADER);
            for (Metric m : metrics) {
                header.append(',').append(m.key());
            }
            out.write(header.append(System.lineSeparator()).toString());
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** JSON has no NaN or infinity: they become null. */
    private static String json(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }
}
