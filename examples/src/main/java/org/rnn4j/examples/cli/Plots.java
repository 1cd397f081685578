package org.rnn4j.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG line charts (XChart), for the curves a person would rather look at than read. */
public final class Plots {
    private Plots() {
    }

    /** A new 900×560 chart with a title and axis labels. */
    public static XYChart chart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setMarkerSize(0);
        return chart;
    }

    /** Adds a line through (x[i], y[i]). */
    public static void line(XYChart chart, String name, double[] x, double[] y) {
        if (x.length > 0) {
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
        }
    }

    /** Adds a horizontal line at {@code y} across [x0, x1] (a baseline). */
    public static void level(XYChart chart, String name, double y, double x0, double x1) {
        chart.addSeries(name, new double[] {x0, x1}, new double[] {y, y}).setMarker(SeriesMarkers.NONE);
    }

    /** Writes {@code chart} to {@code png}, creating its directory. */
    public static void save(XYChart chart, Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** A chart of named curves {x[], y[]} saved to {@code png}. */
    public static void lines(Path png, String title, String xLabel, String yLabel, Map<String, double[][]> curves)
            throws IOException {
        XYChart chart = chart(title, xLabel, yLabel);
        curves.forEach((name, xy) -> line(chart, name, xy[0], xy[1]));
        save(chart, png);
    }
}
