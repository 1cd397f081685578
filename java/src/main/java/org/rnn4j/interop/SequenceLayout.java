package org.rnn4j.interop;

/**
 * The order of the time and batch axes of a sequence tensor (input, output and their gradients):
 * time-major {@code tnc}, rnn4j's and PyTorch's default, or batch-major {@code ntc}, PyTorch's
 * {@code batch_first=True}. The feature axis C is always last.
 */
public enum SequenceLayout {
    /** [T, N, C]. */
    TNC,
    /** [N, T, C] (PyTorch's {@code batch_first=True}). */
    NTC;

    /** The shape of a sequence tensor in this layout. */
    public long[] shape(long steps, long batch, long channels) {
        return this == TNC ? new long[] {steps, batch, channels} : new long[] {batch, steps, channels};
    }

    /** Which axis of a rank-3 shape in this layout is time. */
    public int timeAxis() {
        return this == TNC ? 0 : 1;
    }

    /** Which axis of a rank-3 shape in this layout is the batch. */
    public int batchAxis() {
        return this == TNC ? 1 : 0;
    }

    /** {@code data}, laid out in this layout, as [T, N, C]; a copy either way. */
    public float[] toTnc(float[] data, int steps, int batch, int channels) {
        return this == TNC ? data.clone() : swap(data, batch, steps, channels);
    }

    /** [T, N, C] {@code tnc} data in this layout; a copy either way. */
    public float[] fromTnc(float[] tnc, int steps, int batch, int channels) {
        return this == TNC ? tnc.clone() : swap(tnc, steps, batch, channels);
    }

    /** [A, B, C] → [B, A, C]. */
    private static float[] swap(float[] in, int a, int b, int channels) {
        checkSize(in, a, b, channels);
        float[] out = new float[in.length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(in, (i * b + j) * channels, out, (j * a + i) * channels, channels);
            }
        }
        return out;
    }

    private static void checkSize(float[] data, int a, int b, int channels) {
        if ((long) a * b * channels != data.length) {
            throw new IllegalArgumentException("data must have " + a + " * " + b + " * " + channels + " = "
                    + (long) a * b * channels + " elements, got " + data.length);
        }
    }
}
