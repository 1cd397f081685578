package org.rnn4j.backend.onednn;

import java.util.concurrent.atomic.AtomicBoolean;

import org.rnn4j.Checks;
import org.rnn4j.Precision;
import org.rnn4j.internal.global.rnn4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a {@link Precision} to the one a native kernel runs in ({@link Precision#F32} or {@link Precision#BF16}),
 * from oneDNN's view of the CPU, and maps it to {@code rnn4j::Precision}.
 */
public final class NativePrecision {
    private static final Logger LOG = LoggerFactory.getLogger(NativePrecision.class);
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    private NativePrecision() {
    }

    /** oneDNN's effective ISA includes avx512_core_bf16 (the native library must be loaded). */
    public static boolean bf16Supported() {
        NativeLibrary.ensureLoaded();
        return rnn4j.bf16_supported() == 1;
    }

    /** oneDNN's effective CPU ISA, e.g. "avx512_core_amx" (the native library must be loaded). */
    public static String cpuIsa() {
        NativeLibrary.ensureLoaded();
        return rnn4j.cpu_isa_name().getString();
    }

    /**
     * The precision a native kernel of {@code what} runs in: F32 for F32; BF16 for BF16 when the CPU can, else
     * {@link UnsupportedOperationException} naming the feature; BF16_OR_F32 falls back to F32 with one WARN.
     */
    public static Precision resolve(Precision precision, String what) {
        switch (Checks.notNull("precision", precision)) {
            case F32:
                return Precision.F32;
            case BF16:
                if (!bf16Supported()) {
                    throw new UnsupportedOperationException(what + " in precision BF16 needs the CPU feature "
                            + "avx512_core_bf16 (AVX512-BF16; AMX makes it fast), but oneDNN's effective CPU ISA here "
                            + "is " + cpuIsa() + ": use Precision.F32, or Precision.BF16_OR_F32 to fall back");
                }
                return Precision.BF16;
            case BF16_OR_F32:
            default:
                if (bf16Supported()) {
                    return Precision.BF16;
                }
                fallback("oneDNN's effective CPU ISA here is " + cpuIsa() + ", without avx512_core_bf16");
                return Precision.F32;
        }
    }

    /** Logs (once per JVM) that BF16_OR_F32 runs in f32, and why. */
    public static void fallback(String reason) {
        if (FALLBACK_LOGGED.compareAndSet(false, true)) {
            LOG.warn("Precision.BF16_OR_F32 runs in f32: {}", reason);
        }
    }

    /** {@code rnn4j::Precision} of a resolved precision (F32 or BF16). */
    public static rnn4j.Precision of(Precision resolved) {
        return switch (Checks.notNull("precision", resolved)) {
            case F32 -> rnn4j.Precision.PRECISION_F32;
            case BF16 -> rnn4j.Precision.PRECISION_BF16;
            case BF16_OR_F32 -> throw new IllegalArgumentException("precision must be resolved first, got BF16_OR_F32");
        };
    }
}
