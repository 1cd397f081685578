package org.rnn4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.backend.onednn.NativePrecision;
import org.rnn4j.internal.global.rnn4j;
import org.rnn4j.rnn.JvmRnn;
import org.rnn4j.rnn.NativeRnn;

/** {@link Precision} in {@link RnnConfig}, its resolution against the CPU, and the refusals. */
class PrecisionTest {

    @Test
    void configCarriesPrecision() {
        RnnConfig f32 = RnnConfig.builder(CellKind.LSTM, 3, 4).build();
        assertEquals(Precision.F32, f32.precision(), "default");
        RnnConfig bf16 = f32.toBuilder().precision(Precision.BF16).build();
        assertEquals(Precision.BF16, bf16.precision());
        assertEquals(bf16, bf16.toBuilder().build(), "toBuilder keeps it");
        assertNotEquals(f32, bf16);
        assertNotEquals(bf16, f32.toBuilder().precision(Precision.BF16_OR_F32).build());
        assertEquals(bf16.hashCode(), f32.toBuilder().precision(Precision.BF16).build().hashCode());
        assertTrue(bf16.toString().contains("precision=BF16"), bf16.toString());
        assertEquals(-1, f32.toString().indexOf("precision"), "f32 configs print as before: " + f32);
        assertThrows(NullPointerException.class, () -> f32.toBuilder().precision(null));
    }

    @Test
    void projectionLstmIsRefusedInBf16() {
        for (Precision p : new Precision[] {Precision.BF16, Precision.BF16_OR_F32}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RnnConfig.builder(CellKind.LSTM, 3, 8).projection(4).precision(p).build());
            assertTrue(e.getMessage().contains("does not support LSTM with projection"), e.getMessage());
        }
        RnnConfig.builder(CellKind.LSTM, 3, 8).projection(4).peephole(true).build();  // f32: fine
    }

    @Test
    void jvmBackendRefusesBf16AndFallsBackForBf16OrF32() {
        RnnConfig config = RnnConfig.builder(CellKind.GRU, 3, 4).precision(Precision.BF16).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JvmRnn(config));
        assertTrue(e.getMessage().contains("precision BF16 is native-only"), e.getMessage());
        try (JvmRnn rnn = new JvmRnn(config.toBuilder().precision(Precision.BF16_OR_F32).build())) {
            assertEquals(Precision.BF16_OR_F32, rnn.config().precision());
        }
    }

    @Test
    void nativeEngineResolvesAgainstTheCpu() {
        assumeTrue(NativeLibrary.isAvailable(), "native library");
        boolean supported = Precision.bf16Supported();
        assertEquals(supported, rnn4j.bf16_supported() == 1);
        RnnConfig f32 = RnnConfig.builder(CellKind.LSTM, 3, 4).build();
        try (NativeRnn rnn = new NativeRnn(f32)) {
            assertEquals(Precision.F32, rnn.precision());
        }
        try (NativeRnn rnn = new NativeRnn(f32.toBuilder().precision(Precision.BF16_OR_F32).build())) {
            assertEquals(supported ? Precision.BF16 : Precision.F32, rnn.precision());
        }
        if (supported) {
            try (NativeRnn rnn = new NativeRnn(f32.toBuilder().precision(Precision.BF16).build())) {
                assertEquals(Precision.BF16, rnn.precision());
            }
        }
        assertEquals(rnn4j.Precision.PRECISION_F32, NativePrecision.of(Precision.F32));
        assertEquals(rnn4j.Precision.PRECISION_BF16, NativePrecision.of(Precision.BF16));
        assertThrows(IllegalArgumentException.class, () -> NativePrecision.of(Precision.BF16_OR_F32));
    }

    /** oneDNN capped at AVX2 (as on a CPU without AVX512-BF16), in a child JVM: BF16 refused, BF16_OR_F32 in f32. */
    @Test
    void withoutBf16TheCpuFeatureIsNamed() throws IOException, InterruptedException {
        assumeTrue(NativeLibrary.isAvailable(), "native library");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                PrecisionChild.class.getName()).redirectErrorStream(true);
        builder.environment().put("ONEDNN_MAX_CPU_ISA", "AVX2");
        Process child = builder.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child finished");
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("supported=false isa=avx2"), out);
        assertTrue(out.contains("BF16 refused: the native LSTM engine in precision BF16 needs the CPU feature "
                + "avx512_core_bf16"), out);
        assertTrue(out.contains("BF16_OR_F32 runs in F32"), out);
    }
}
