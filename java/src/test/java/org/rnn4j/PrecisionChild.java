package org.rnn4j;

import org.rnn4j.rnn.NativeRnn;

/** Run by {@link PrecisionTest} in a JVM whose oneDNN may lack bf16: prints what each precision does. */
public final class PrecisionChild {
    private PrecisionChild() {
    }

    public static void main(String[] args) {
        System.out.println("supported=" + Precision.bf16Supported() + " isa=" + Precision.cpuIsa());
        RnnConfig config = RnnConfig.builder(CellKind.LSTM, 3, 4).build();
        try (NativeRnn rnn = new NativeRnn(config.toBuilder().precision(Precision.BF16).build())) {
            System.out.println("BF16 made, precision " + rnn.precision());
        } catch (UnsupportedOperationException e) {
            System.out.println("BF16 refused: " + e.getMessage());
        }
        try (NativeRnn rnn = new NativeRnn(config.toBuilder().precision(Precision.BF16_OR_F32).build())) {
            System.out.println("BF16_OR_F32 runs in " + rnn.precision());
        }
    }
}
