package org.rnn4j.bench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The run's PNG: GF/s per row and backend (markers, log scale), the sgemm limit of each row as a line. */
final class ResultsChart {
    private ResultsChart() {
    }

    static void save(List<Map<String, Object>> rows, String title, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 70 * rows.size() + 200)).height(700)
                .title(title).xAxisTitle("row").yAxisTitle("GF/s (log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        // markers, not bars: XChart draws bars from 0, which a log axis cannot show
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(10);
        List<String> names = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            names.add((String) r.get("name"));
        }
        chart.addSeries("native (Java API)", names, values(rows, "native_gflops"));
        chart.addSeries("raw oneDNN (C++)", names, values(rows, "raw_onednn_gflops"));
        chart.addSeries("JVM backend", names, values(rows, "jvm_backend_gflops"));
        chart.addSeries("scalar Java", names, values(rows, "scalar_gflops"));
        CategorySeries limit = chart.addSeries("limit: oneDNN sgemm on the step's GEMMs", names,
                values(rows, "limit_gflops"));
        limit.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        limit.setMarker(SeriesMarkers.CIRCLE);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static List<Double> values(List<Map<String, Object>> rows, String key) {
        List<Double> v = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            v.add(Math.max(1e-3, ((Number) r.get(key)).doubleValue()));
        }
        return v;
    }
}
