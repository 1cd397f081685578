package org.rnn4j.train;

import java.util.List;
import java.util.Locale;

import org.rnn4j.nn.LossValue;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar per epoch (me.tongfei:progressbar) over its batches, showing the running
 * training loss, the trainer's {@link Metric}s of it (e.g. {@code acc 0.9120  ppl 3.2100}), the
 * throughput in loss terms (tokens, steps or sequences) per second, led by {@code WARN diverged ×k} once the
 * {@link Divergence} guard has flagged k updates of the epoch.
 */
public final class ProgressBarListener implements TrainingListener {
    private final ProgressBarConsumer consumer;
    private ProgressBar bar;
    private LossValue running = LossValue.NONE;
    private double seconds;
    private long diverged;

    /** On the console (stderr). */
    public ProgressBarListener() {
        this(new ConsoleProgressBarConsumer(System.err));
    }

    /** Rendering to {@code consumer}. */
    public ProgressBarListener(ProgressBarConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public void onEpochStart(int epoch, int batches) {
        closeBar();
        running = LossValue.NONE;
        seconds = 0;
        diverged = 0;
        bar = new ProgressBarBuilder().setTaskName("epoch " + (epoch + 1)).setInitialMax(batches)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(consumer).setUpdateIntervalMillis(250).build();
    }

    @Override
    public void onStep(StepReport report) {
        if (bar == null) {
            return;
        }
        running = running.plus(report.loss());
        seconds += report.seconds();
        if (report.diverged()) {
            diverged++;
        }
        bar.stepTo(report.batch() + 1L);
        String message = message(running, report.metrics(), seconds);
        bar.setExtraMessage(diverged == 0 ? message : "WARN diverged ×" + diverged + "  " + message);
    }

    /** "loss 1.2345  acc 0.5000  1.2k/s": the running loss, its metrics and the weight per second. */
    static String message(LossValue loss, List<Metric> metrics, double seconds) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "loss %.4f", loss.mean()));
        for (Metric m : metrics) {
            out.append(String.format(Locale.ROOT, "  %s %.4f", label(m), m.of(loss)));
        }
        out.append("  ").append(compact(seconds == 0 ? 0 : loss.weight() / seconds)).append("/s");
        return out.toString();
    }

    private static String label(Metric metric) {
        return switch (metric) {
            case ACCURACY -> "acc";
            case PERPLEXITY -> "ppl";
            case BITS_PER_CHARACTER -> "bpc";
        };
    }

    @Override
    public void onEpochEnd(int epoch) {
        closeBar();
    }

    @Override
    public void onEnd() {
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    static String compact(double rate) {
        if (rate >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", rate / 1e6);
        }
        if (rate >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", rate / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", rate);
    }
}
