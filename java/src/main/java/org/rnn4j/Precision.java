package org.rnn4j;

import org.rnn4j.backend.onednn.NativeLibrary;
import org.rnn4j.backend.onednn.NativePrecision;

/**
 * The arithmetic precision of the native kernels (recurrent layers and linear layers); tensors at the API stay f32
 * whatever the precision. In {@link #BF16} the kernels compute on bfloat16 copies of inputs, hidden states and
 * weights (8 significant bits; on AMX or AVX512-BF16 CPUs the fast path), while the master weights, optimizer
 * state, bias, LSTM cell states and every gradient stay f32: gradients are accumulated in f32. Results differ from
 * f32 by about 1e-3 relative (norm-wise; the tests bound it by 1e-2).
 *
 * <p>What happens where bf16 cannot run is the caller's choice:
 * <ul>
 *   <li>{@link #BF16}: bf16 or nothing. Making a native engine on a CPU whose oneDNN ISA lacks
 *       {@code avx512_core_bf16} throws {@link UnsupportedOperationException} naming the missing feature; the JVM
 *       backend (f32 only) refuses it with {@link IllegalArgumentException}.</li>
 *   <li>{@link #BF16_OR_F32}: bf16 where it runs, else f32 with one WARN log per JVM saying why.</li>
 * </ul>
 * Not for LSTM with projection: oneDNN has no bf16 projection LSTM ({@code RnnConfig.Builder#build()} refuses it).
 * {@link #bf16Supported()} tells in advance.
 */
public enum Precision {
    /** IEEE single precision everywhere (the default). */
    F32,
    /** bfloat16 inside the native kernels, f32 master weights and gradients; an error where the CPU cannot. */
    BF16,
    /** {@link #BF16} where the CPU and backend can, else {@link #F32} with one WARN log. */
    BF16_OR_F32;

    /** Whether bf16 is asked for ({@link #BF16} or {@link #BF16_OR_F32}). */
    public boolean wantsBf16() {
        return this != F32;
    }

    /**
     * True when the native library loads and oneDNN's effective CPU ISA includes {@code avx512_core_bf16}
     * (AVX512-BF16; AMX is the fast case), so {@link #BF16} kernels can be made.
     */
    public static boolean bf16Supported() {
        return NativeLibrary.isAvailable() && NativePrecision.bf16Supported();
    }

    /** oneDNN's effective CPU ISA (e.g. {@code avx512_core_amx}), or "unavailable" without the native library. */
    public static String cpuIsa() {
        return NativeLibrary.isAvailable() ? NativePrecision.cpuIsa() : "unavailable";
    }
}
