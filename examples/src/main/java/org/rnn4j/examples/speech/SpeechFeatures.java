package org.rnn4j.examples.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * How audio becomes the model's input steps, saved beside the model as {@value #FILE}: 16 kHz audio →
 * {@link LogMel} frames (40 log-mel energies every 10 ms) → normalised → {@code stack} consecutive frames
 * concatenated into one step (40 · stack features every 10 · stack ms; the last step repeats its last frame).
 *
 * @param stack         frames per step, >= 1
 * @param normalisation how each channel is normalised
 * @param mean          per channel [40], for {@link Normalisation#GLOBAL} (empty otherwise)
 * @param deviation     per channel [40], for {@link Normalisation#GLOBAL} (empty otherwise)
 */
record SpeechFeatures(int stack, Normalisation normalisation, float[] mean, float[] deviation) {
    static final String FILE = "features.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** How the log-mel channels are normalised. */
    enum Normalisation {
        /** Mean 0 and variance 1 over each utterance (needs the whole utterance: bidirectional models). */
        UTTERANCE,
        /** With the training set's mean and deviation (causal: what streaming needs). */
        GLOBAL
    }

    SpeechFeatures {
        if (stack < 1) {
            throw new IllegalArgumentException("stack must be >= 1, got " + stack);
        }
        int expected = normalisation == Normalisation.GLOBAL ? LogMel.MELS : 0;
        if (mean.length != expected || deviation.length != expected) {
            throw new IllegalArgumentException(normalisation + " normalisation needs " + expected
                    + " means and deviations, got " + mean.length + " and " + deviation.length);
        }
    }

    /** Per-utterance normalisation. */
    static SpeechFeatures perUtterance(int stack) {
        return new SpeechFeatures(stack, Normalisation.UTTERANCE, new float[0], new float[0]);
    }

    /** Normalisation with the mean and deviation of every frame of {@code utterances} (raw log-mel frames). */
    static SpeechFeatures global(int stack, List<float[][]> utterances) {
        double[] sum = new double[LogMel.MELS], squares = new double[LogMel.MELS];
        long frames = 0;
        for (float[][] u : utterances) {
            for (float[] frame : u) {
                for (int c = 0; c < LogMel.MELS; c++) {
                    sum[c] += frame[c];
                    squares[c] += (double) frame[c] * frame[c];
                }
                frames++;
            }
        }
        float[] mean = new float[LogMel.MELS], deviation = new float[LogMel.MELS];
        for (int c = 0; c < LogMel.MELS; c++) {
            double m = sum[c] / frames;
            mean[c] = (float) m;
            deviation[c] = (float) (Math.sqrt(Math.max(squares[c] / frames - m * m, 0)) + 1e-5);
        }
        return new SpeechFeatures(stack, Normalisation.GLOBAL, mean, deviation);
    }

    /** Features per step: 40 · stack. */
    int width() {
        return LogMel.MELS * stack;
    }

    /** The raw log-mel frames [frames][40] of {@code wav}, at 16 kHz. */
    static float[][] logMels(Wav wav, LogMel logMel) {
        return logMel.frames(wav.resampled(LogMel.RATE).samples());
    }

    /** Raw frames [frames][40] → normalised, stacked steps [ceil(frames / stack)][40 · stack] (frames is copied). */
    float[][] steps(float[][] frames) {
        float[][] normalised = new float[frames.length][];
        for (int f = 0; f < frames.length; f++) {
            normalised[f] = frames[f].clone();
        }
        if (normalisation == Normalisation.UTTERANCE) {
            LogMel.normalise(normalised);
        } else {
            for (float[] frame : normalised) {
                normaliseGlobally(frame);
            }
        }
        int steps = (frames.length + stack - 1) / stack;
        float[][] out = new float[steps][width()];
        for (int s = 0; s < steps; s++) {
            for (int k = 0; k < stack; k++) {
                float[] frame = normalised[Math.min(s * stack + k, frames.length - 1)];
                System.arraycopy(frame, 0, out[s], k * LogMel.MELS, LogMel.MELS);
            }
        }
        return out;
    }

    /** One raw frame [40] normalised in place with the global mean and deviation. */
    void normaliseGlobally(float[] frame) {
        if (normalisation != Normalisation.GLOBAL) {
            throw new IllegalStateException("only GLOBAL normalisation works frame by frame, this is " + normalisation);
        }
        for (int c = 0; c < LogMel.MELS; c++) {
            frame[c] = (frame[c] - mean[c]) / deviation[c];
        }
    }

    void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        JSON.writeValue(directory.resolve(FILE).toFile(), this);
    }

    static SpeechFeatures load(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(directory + " is not a model saved by 'rnn4j speech': no " + FILE);
        }
        return JSON.readValue(file.toFile(), SpeechFeatures.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpeechFeatures f && stack == f.stack && normalisation == f.normalisation
                && Arrays.equals(mean, f.mean) && Arrays.equals(deviation, f.deviation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + stack;
    }

    @Override
    public String toString() {
        return "SpeechFeatures[stack=" + stack + ", normalisation=" + normalisation + "]";
    }
}
