package org.rnn4j.examples.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WAV files, the resampler, log-mel features, stacking and normalisation, and the digit error rate. */
class AudioFeaturesTest {

    @Test
    void wavFilesRoundTripAt16Bits(@TempDir Path dir) throws Exception {
        float[] samples = tone(440, 22_050, 2_000, 0.5);
        new Wav(samples, 22_050).write(dir.resolve("a.wav"));
        Wav read = Wav.read(dir.resolve("a.wav"));
        assertEquals(22_050, read.rate());
        assertArrayEquals(samples, read.samples(), 1f / 32_767, "16-bit quantisation");
    }

    @Test
    void stereoWavsAreAveragedToMono(@TempDir Path dir) throws Exception {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.putShort((short) 16384).putShort((short) 0).putShort((short) -8192).putShort((short) -8192);
        var format = new javax.sound.sampled.AudioFormat(44_100, 16, 2, true, false);
        try (var in = new javax.sound.sampled.AudioInputStream(new java.io.ByteArrayInputStream(bytes.array()), format,
                2)) {
            javax.sound.sampled.AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE,
                    dir.resolve("s.wav").toFile());
        }
        Wav read = Wav.read(dir.resolve("s.wav"));
        assertEquals(44_100, read.rate());
        assertArrayEquals(new float[] {0.25f, -0.25f}, read.samples(), 1e-6f);
    }

    @Test
    void noiseIsMixedAtTheStatedSignalToNoiseRatio() {
        Wav clean = new Wav(tone(500, 16_000, 16_000, 0.5), 16_000);
        Wav noisy = SpeechCorpus.withNoise(clean, 10, new java.util.Random(1));
        double signal = 0, noise = 0;
        for (int i = 0; i < clean.samples().length; i++) {
            signal += clean.samples()[i] * clean.samples()[i];
            double d = noisy.samples()[i] - clean.samples()[i];
            noise += d * d;
        }
        // The noise power over 16 000 samples has a relative spread of sqrt(2 / 16 000) = 1.1 % (0.05 dB): 4 sigma.
        assertEquals(10, 10 * Math.log10(signal / noise), 0.2, "SNR in dB");
    }

    /**
     * 22 050 → 16 000 Hz: a 1 kHz tone keeps its amplitude (within 1 %) and frequency; a 10 kHz tone, above the new
     * Nyquist frequency of 8 kHz, is removed rather than aliased to 6 kHz (below 1 % of its amplitude).
     */
    @Test
    void resamplingKeepsWhatFitsAndRemovesWhatWouldAlias() {
        float[] low = Resampler.resample(tone(1_000, 22_050, 22_050, 0.5), 22_050, 16_000);
        assertEquals(16_000, low.length);
        double amplitude = peak(low, 1_000, 15_000);
        assertEquals(0.5, amplitude, 0.005, "1 kHz amplitude after resampling");
        float[] expected = tone(1_000, 16_000, 16_000, 0.5);
        for (int i = 1_000; i < 15_000; i++) {
            assertEquals(expected[i], low[i], 0.01, "1 kHz tone at sample " + i);
        }
        float[] high = Resampler.resample(tone(10_000, 22_050, 22_050, 0.5), 22_050, 16_000);
        assertTrue(peak(high, 1_000, 15_000) < 0.005, "10 kHz after resampling: " + peak(high, 1_000, 15_000));
        float[] up = Resampler.resample(tone(1_000, 8_000, 8_000, 0.5), 8_000, 16_000);
        assertEquals(0.5, peak(up, 1_000, 15_000), 0.005, "8 kHz → 16 kHz keeps the tone");
    }

    @Test
    void aToneLightsTheMelChannelOfItsFrequency() {
        LogMel logMel = new LogMel();
        float[][] frames = logMel.frames(tone(1_000, 16_000, 16_000, 0.5));
        assertEquals(1 + (16_000 - 400) / 160, frames.length, "25 ms frames every 10 ms");
        float[] frame = frames[50];
        int loudest = 0;
        for (int c = 1; c < LogMel.MELS; c++) {
            loudest = frame[c] > frame[loudest] ? c : loudest;
        }
        // 40 filters evenly spaced from mel(20 Hz) = 31.7 to mel(7.6 kHz) = 2787, 67.2 mel apart: channel m is
        // centred at 31.7 + 67.2 (m + 1) mel, so 1 kHz (1000 mel) falls nearest the centre of channel 13 (972 mel).
        assertEquals(13, loudest, "channel of 1 kHz");
        assertEquals(1, logMel.frames(new float[100]).length, "a clip shorter than a frame makes one frame");
    }

    @Test
    void stepsStackFramesAfterNormalising() {
        float[][] frames = new float[7][LogMel.MELS];
        for (int f = 0; f < frames.length; f++) {
            for (int c = 0; c < LogMel.MELS; c++) {
                frames[f][c] = f + c;
            }
        }
        float[][] steps = SpeechFeatures.perUtterance(3).steps(frames);
        assertEquals(3, steps.length, "ceil(7 / 3) steps");
        assertEquals(120, steps[0].length);
        assertEquals(steps[2][0], steps[2][40], "the last step repeats the last frame");
        double mean = 0;
        for (int f = 0; f < 3; f++) {
            mean += steps[f][0] + steps[f][40] + steps[f][80];
        }
        assertEquals(0, (mean - steps[2][40] - steps[2][80]) / 7, 1e-5, "channel 0 has mean 0 over the 7 frames");
        SpeechFeatures global = SpeechFeatures.global(1, List.<float[][]>of(frames));
        float[] frame = frames[3].clone();
        global.normaliseGlobally(frame);
        assertEquals(0, frame[5], 1e-5, "frame 3 is the mean frame");
        assertEquals(frames[3][5], 3 + 5f, "the raw frames stay as they were");
    }

    @Test
    void digitErrorRateCountsEdits() {
        assertEquals(0, DigitErrors.distance(new int[] {3, 1, 4}, new int[] {3, 1, 4}));
        assertEquals(1, DigitErrors.distance(new int[] {3, 1, 4}, new int[] {3, 4}));
        assertEquals(2, DigitErrors.distance(new int[] {3, 1, 4}, new int[] {1, 4, 1}));
        DigitErrors errors = new DigitErrors();
        errors.add(new int[] {1, 2}, new int[] {1, 2});
        errors.add(new int[] {3, 4, 5, 6}, new int[] {3, 5, 6, 7});
        assertEquals(2 / 6.0, errors.errorRate(), 1e-12);
        assertEquals(0.5, errors.sequenceAccuracy(), 1e-12);
    }

    private static float[] tone(double hz, int rate, int samples, double amplitude) {
        float[] out = new float[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return out;
    }

    private static double peak(float[] x, int from, int to) {
        double peak = 0;
        for (int i = from; i < to; i++) {
            peak = Math.max(peak, Math.abs(x[i]));
        }
        return peak;
    }
}
