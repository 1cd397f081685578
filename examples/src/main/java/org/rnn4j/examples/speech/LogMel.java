package org.rnn4j.examples.speech;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Log-mel filterbank energies of 16 kHz audio: 25 ms frames (400 samples) every 10 ms (160), each
 * pre-emphasised (0.97), Hamming-windowed and zero-padded to a 512-point FFT (JTransforms); the power spectrum
 * goes through {@value #MELS} triangular filters evenly spaced on the mel scale from 20 Hz to 7 600 Hz (below
 * the resampler's cut-off) and its log is taken, floored at log 10⁻³. Not thread-safe (one FFT buffer): one per
 * thread.
 */
final class LogMel {
    static final int RATE = 16_000;
    static final int MELS = 40;
    static final int WINDOW = 400;   // 25 ms
    static final int HOP = 160;      // 10 ms
    private static final int FFT = 512;
    private static final double LOW_HZ = 20, HIGH_HZ = 7_600;
    private static final float PRE_EMPHASIS = 0.97f;
    /** The energy floor: about 70 dB below loud speech, so espeak-ng's digital silence does not dominate. */
    private static final double FLOOR = 1e-3;

    private final FloatFFT_1D fft = new FloatFFT_1D(FFT);
    private final float[] buffer = new float[FFT];
    private final float[] hamming = new float[WINDOW];
    private final double[][] filters = new double[MELS][FFT / 2 + 1];   // [mel][bin]

    LogMel() {
        for (int i = 0; i < WINDOW; i++) {
            hamming[i] = (float) (0.54 - 0.46 * Math.cos(2 * Math.PI * i / (WINDOW - 1)));
        }
        double low = mel(LOW_HZ), high = mel(HIGH_HZ);
        double[] edges = new double[MELS + 2];                               // in FFT bins
        for (int m = 0; m < edges.length; m++) {
            edges[m] = hertz(low + (high - low) * m / (MELS + 1)) * FFT / RATE;
        }
        for (int m = 0; m < MELS; m++) {
            for (int bin = 0; bin <= FFT / 2; bin++) {
                double rise = (bin - edges[m]) / (edges[m + 1] - edges[m]);
                double fall = (edges[m + 2] - bin) / (edges[m + 2] - edges[m + 1]);
                filters[m][bin] = Math.max(0, Math.min(rise, fall));
            }
        }
    }

    /** Frames of {@code samples}: 1 + (n − 400) / 160 of them (one, zero-padded, when n &lt; 400), [frames][40]. */
    float[][] frames(float[] samples) {
        int count = frameCount(samples.length);
        float[][] out = new float[count][];
        for (int f = 0; f < count; f++) {
            out[f] = frame(samples, f * HOP);
        }
        return out;
    }

    /** How many whole frames n samples hold (at least one). */
    static int frameCount(int samples) {
        return samples < WINDOW ? 1 : 1 + (samples - WINDOW) / HOP;
    }

    /** The 40 log-mel energies of the frame starting at sample {@code start} (zeros past the end). */
    float[] frame(float[] samples, int start) {
        java.util.Arrays.fill(buffer, 0f);
        for (int i = 0; i < WINDOW && start + i < samples.length; i++) {
            float previous = start + i > 0 ? samples[start + i - 1] : 0f;
            buffer[i] = (samples[start + i] - PRE_EMPHASIS * previous) * hamming[i];
        }
        fft.realForward(buffer);                     // [re0, re256, re1, im1, ..., re255, im255]
        double[] power = new double[FFT / 2 + 1];
        power[0] = buffer[0] * buffer[0];
        power[FFT / 2] = buffer[1] * buffer[1];
        for (int k = 1; k < FFT / 2; k++) {
            power[k] = buffer[2 * k] * buffer[2 * k] + buffer[2 * k + 1] * buffer[2 * k + 1];
        }
        float[] out = new float[MELS];
        for (int m = 0; m < MELS; m++) {
            double energy = 0;
            for (int bin = 0; bin <= FFT / 2; bin++) {
                energy += filters[m][bin] * power[bin];
            }
            out[m] = (float) Math.log(Math.max(energy, FLOOR));
        }
        return out;
    }

    /** Per-utterance normalisation: each channel shifted to mean 0 and scaled to variance 1 over the frames, in place. */
    static float[][] normalise(float[][] frames) {
        int channels = frames[0].length;
        for (int c = 0; c < channels; c++) {
            double sum = 0, squares = 0;
            for (float[] frame : frames) {
                sum += frame[c];
                squares += frame[c] * frame[c];
            }
            double mean = sum / frames.length;
            double deviation = Math.sqrt(Math.max(squares / frames.length - mean * mean, 0)) + 1e-5;
            for (float[] frame : frames) {
                frame[c] = (float) ((frame[c] - mean) / deviation);
            }
        }
        return frames;
    }

    private static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    private static double hertz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }
}
