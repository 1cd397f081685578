package org.rnn4j.examples.charlm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnn4j.examples.cli.Plots;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.Metric;
import org.rnn4j.train.StepReport;
import org.rnn4j.train.TrainingListener;
import org.rnn4j.train.ValidationReport;

/**
 * Listens to the training of the char LM: a progress bar over the budget (updates, or seconds when the
 * budget is a time) with the recent loss, bits per character and characters per second; and the
 * training and validation curves (bpc against updates) for the PNG.
 */
final class TrainingCurves implements TrainingListener {
    private static final int WINDOW = 20;            // updates averaged in the bar and in each point of the curve

    private final ProgressBar bar;
    private final boolean bySteps;
    private final long started = System.nanoTime();
    private final List<double[]> train = new ArrayList<>();        // {step, bpc} per update
    private final List<double[]> validation = new ArrayList<>();   // {step, bpc} per validation
    private final double[] recentLoss = new double[WINDOW];
    private final double[] recentChars = new double[WINDOW];
    private final double[] recentSeconds = new double[WINDOW];
    private StepReport last;
    private double totalChars;
    private double totalSeconds;

    TrainingCurves(Epochs budget) {
        bySteps = budget.maxSteps() != Long.MAX_VALUE;
        long max = bySteps ? budget.maxSteps() : budget.maxTime().toSeconds();
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(max).setUnit(bySteps ? "" : " s", 1)
                .setStyle(ProgressBarStyle.ASCII).setMaxRenderedLength(120).setUpdateIntervalMillis(500).build();
    }

    @Override
    public void onStep(StepReport report) {
        last = report;
        int slot = (int) (report.step() % WINDOW);
        recentLoss[slot] = report.loss().mean() * report.loss().weight();
        recentChars[slot] = report.loss().weight();
        recentSeconds[slot] = report.seconds();
        totalChars += report.loss().weight();
        totalSeconds += report.seconds();
        train.add(new double[] {report.step(), report.metric(Metric.BITS_PER_CHARACTER)});
        double loss = sum(recentLoss) / sum(recentChars);
        bar.stepTo(bySteps ? report.step() : (System.nanoTime() - started) / 1_000_000_000L);
        bar.setExtraMessage(String.format(Locale.ROOT, "step %d loss %.3f bpc %.3f %.1fk char/s",
                report.step(), loss, loss / Math.log(2), sum(recentChars) / sum(recentSeconds) / 1e3));
    }

    @Override
    public void onValidation(ValidationReport report) {
        validation.add(new double[] {report.step(), report.metric(Metric.BITS_PER_CHARACTER)});
    }

    @Override
    public void onEnd() {
        bar.close();
    }

    /** The last update's report (null before the first). */
    StepReport last() {
        return last;
    }

    /** A validation made after training (added to the curve). */
    void finalValidation(long step, double bpc) {
        if (validation.isEmpty() || validation.get(validation.size() - 1)[0] != step) {
            validation.add(new double[] {step, bpc});
        }
    }

    /** Mean characters per second of training over all updates. */
    double charsPerSecond() {
        return train.isEmpty() ? 0 : totalChars / totalSeconds;
    }

    /**
     * Writes the PNG: training bpc (each point the mean of up to {@value #WINDOW} updates, fewer in a short
     * run) and validation bpc (marked points) against updates.
     */
    void plot(Path png, String title) throws IOException {
        XYChart chart = Plots.chart(title, "updates", "bits per character");
        int window = Math.max(1, Math.min(WINDOW, train.size() / 50));
        int points = train.size() / window;
        double[] x = new double[points];
        double[] y = new double[points];
        for (int p = 0; p < points; p++) {
            for (int i = p * window; i < (p + 1) * window; i++) {
                x[p] += train.get(i)[0] / window;
                y[p] += train.get(i)[1] / window;
            }
        }
        Plots.line(chart, "training (mean of " + window + " updates)", x, y);
        if (!validation.isEmpty()) {
            chart.addSeries("validation (whole validation text)", column(validation, 0), column(validation, 1))
                    .setMarker(SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setMarkerSize(8);
        Plots.save(chart, png);
    }

    private static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
