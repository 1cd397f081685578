package org.rnn4j.bench.run;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;

import org.rnn4j.Precision;
import org.rnn4j.backend.Backend;
import org.rnn4j.backend.jvm.FastRnn;

/**
 * Measures one row in one go — the native path through the Java API, the raw oneDNN step and the sgemm
 * limit (C++), the shipped JVM backend and the scalar baseline — and returns it as the JSON object of
 * issue 9 (its keys exactly, then extra keys).
 */
final class RowRun {
    static final String JVM_BACKEND = "jvm_backend";
    static final String SCALAR = "scalar";

    private RowRun() {
    }

    static Map<String, Object> measure(BenchRow row, Budgets budgets, RawOnednn raw, int threads,
                                       Map<String, Object> machine) {
        ApiStep.Result nat = ApiStep.timeWithMemory(row, Backend.NATIVE, budgets.nativeRuns());
        RawOnednn.Result cpp = raw.run(row, nat.timing().runs());
        int jvmSteps = Budgets.jvmStepsWithin(row, budgets.jvmFlops());
        Timing jvm = ApiStep.time(row.in(Precision.F32), Backend.JVM, jvmSteps, budgets.jvmRuns());  // f32 only
        int scalarSteps = Budgets.stepsWithin(row, budgets.scalarFlops());
        int scalarBatch = Budgets.sequencesWithin(row, scalarSteps, budgets.scalarFlops());
        Timing scalar = ScalarStep.time(row, scalarSteps, scalarBatch, budgets.scalarRuns());

        double flops = row.flops(row.steps());
        double nativeMs = nat.timing().medianMs();
        double jvmBackendMs = jvm.medianMs() * row.realSteps(row.steps()) / row.realSteps(jvmSteps);
        double scalarMs = scalar.medianMs() * row.realSteps(row.steps())
                / ScalarStep.realSteps(row, scalarSteps, scalarBatch);
        boolean backendFastest = jvmBackendMs <= scalarMs;
        double jvmMs = backendFastest ? jvmBackendMs : scalarMs;

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell", row.cellKey());
        m.put("mode", row.mode().key());
        m.put("precision", row.precisionKey());
        m.put("lengths", row.lengths().key());
        m.put("real_fraction", round(row.realFraction()));
        m.put("layers", row.layers());
        m.put("directions", row.directions());
        m.put("T", row.steps());
        m.put("N", row.batch());
        m.put("I", row.input());
        m.put("H", row.hidden());
        m.put("native_ms", round(nativeMs));
        m.put("native_gflops", round(gflops(flops, nativeMs)));
        m.put("raw_onednn_ms", round(cpp.rawMs()));
        m.put("jvm_ms", round(jvmMs));
        m.put("jvm_gflops", round(gflops(flops, jvmMs)));
        m.put("jvm_baseline", backendFastest ? JVM_BACKEND : SCALAR);
        m.put("scalar_ms", round(scalarMs));
        m.put("limit_gflops", round(cpp.limitGflops()));
        m.put("fraction_of_limit", round(gflops(flops, nativeMs) / cpp.limitGflops()));
        m.put("native_over_jvm", round(jvmMs / nativeMs));
        // extra keys
        m.put("name", row.name());
        if (row.shortenedFromT() > 0) {
            m.put("shortened_from_T", row.shortenedFromT());
        }
        m.put("threads", threads);
        m.put("native_runs", nat.timing().runs());
        m.put("native_over_raw", round(nativeMs / cpp.rawMs()));
        m.put("raw_onednn_padded", row.variable());
        // raw oneDNN runs every step of the padded batch
        m.put("raw_onednn_gflops", round(gflops((double) row.steps() * row.batch() * row.flopsPerSequenceStep(),
                cpp.rawMs())));
        m.put("jvm_precision", "f32");  // the JVM and scalar baselines compute in f32 only
        m.put("jvm_backend_ms", round(jvmBackendMs));
        m.put("jvm_backend_gflops", round(gflops(flops, jvmBackendMs)));
        m.put("jvm_backend_threads", FastRnn.threads());
        m.put("jvm_scaled_from_T", jvmSteps);
        m.put("scalar_gflops", round(gflops(flops, scalarMs)));
        m.put("scalar_scaled_from_T", scalarSteps);
        m.put("scalar_scaled_from_N", scalarBatch);
        m.put("native_over_scalar", round(scalarMs / nativeMs));
        m.put("limit_ms", round(cpp.limitMs()));
        m.put("peak_native_mb", round(nat.peakNativeMb()));
        m.put("peak_rss_mb", round(nat.peakRssMb()));
        m.put("peak_rss_reset", nat.rssPeakReset());
        m.put("machine", machine);
        return m;
    }

    static double gflops(double flops, double ms) {
        return flops / (ms * 1e6);
    }

    /** {@code v} to 6 significant digits (the JSON's figures; every ratio in it is then exact to ~1e-5). */
    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(6)).doubleValue();
    }
}
