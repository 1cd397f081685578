package org.rnn4j.train;

import java.util.Locale;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar per epoch (me.tongfei:progressbar) over its batches, showing the running
 * training loss and the throughput in loss terms (tokens, steps or sequences) per second.
 */
public final class ProgressBarListener implements TrainingListener {
    private final ProgressBarConsumer consumer;
    private ProgressBar bar;
    private double lossSum;
    private double weight;
    private double seconds;

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
        lossSum = 0;
        weight = 0;
        seconds = 0;
        bar = new ProgressBarBuilder().setTaskName("epoch " + (epoch + 1)).setInitialMax(batches)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(consumer).setUpdateIntervalMillis(250).build();
    }

    @Override
    public void onStep(StepReport report) {
        if (bar == null) {
            return;
        }
        lossSum += report.loss().mean() * report.loss().weight();
        weight += report.loss().weight();
        seconds += report.seconds();
        bar.stepTo(report.batch() + 1L);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f  %s/s", weight == 0 ? 0 : lossSum / weight,
                compact(seconds == 0 ? 0 : weight / seconds)));
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
