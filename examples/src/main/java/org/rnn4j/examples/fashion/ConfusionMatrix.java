package org.rnn4j.examples.fashion;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/** A confusion matrix {@code [true class][predicted class]}: its accuracy, per-class recall, and a PNG heatmap. */
final class ConfusionMatrix {
    private ConfusionMatrix() {
    }

    /** The diagonal over the total. */
    static double accuracy(int[][] confusion) {
        long right = 0;
        long total = 0;
        for (int t = 0; t < confusion.length; t++) {
            for (int p = 0; p < confusion[t].length; p++) {
                total += confusion[t][p];
                right += t == p ? confusion[t][p] : 0;
            }
        }
        return total == 0 ? Double.NaN : (double) right / total;
    }

    /** One line per class: its recall and the class it is most often mistaken for. */
    static String perClass(int[][] confusion, List<String> names) {
        StringBuilder out = new StringBuilder();
        for (int t = 0; t < confusion.length; t++) {
            int total = 0;
            int worst = -1;
            for (int p = 0; p < confusion[t].length; p++) {
                total += confusion[t][p];
                if (p != t && (worst < 0 || confusion[t][p] > confusion[t][worst])) {
                    worst = p;
                }
            }
            if (total == 0) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "  %-12s %5.1f%% right  (most often taken for %s: %d)%n",
                    names.get(t), 100.0 * confusion[t][t] / total, names.get(worst), confusion[t][worst]));
        }
        return out.toString();
    }

    /** A heatmap of the counts, true class down the y axis, predicted class along x, each cell labelled. */
    static void save(int[][] confusion, List<String> names, String title, Path png) throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder().width(900).height(760).title(title)
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("0")
                .setRangeColors(new Color[] {Color.WHITE, new Color(0x9ecae1), new Color(0x08306b)})
                .setPlotContentSize(1.0);
        chart.getStyler().setXAxisLabelRotation(30);
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < confusion.length; t++) {
            for (int p = 0; p < confusion.length; p++) {
                cells.add(new Number[] {p, confusion.length - 1 - t, confusion[t][p]});   // first class on top
            }
        }
        List<String> reversed = new ArrayList<>(names);
        java.util.Collections.reverse(reversed);
        chart.addSeries("count", names, reversed, cells);
        Files.createDirectories(png.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
