package org.rnn4j.examples.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The utterances of one split as the model reads them: each utterance's digits and its raw log-mel frames
 * [frames][40] (16 kHz, optionally with white noise mixed in at a stated signal-to-noise ratio, seeded per
 * utterance), computed on every core.
 */
final class SpeechCorpus {
    private static final ThreadLocal<LogMel> LOG_MEL = ThreadLocal.withInitial(LogMel::new);

    /**
     * One utterance.
     *
     * @param utterance what was said, by whom
     * @param frames    its raw log-mel frames [frames][40]
     */
    record Example(SpokenDigits.Utterance utterance, float[][] frames) {
        int[] digits() {
            return utterance.digits();
        }
    }

    private SpeechCorpus() {
    }

    /** Generates (once) and reads the split; {@code snrDb} null = no noise. */
    static List<Example> load(Path cache, SpokenDigits.Split split, int count, long seed, Double snrDb)
            throws IOException {
        List<SpokenDigits.Utterance> utterances = SpokenDigits.prepare(cache, split, count, seed);
        try {
            return IntStream.range(0, utterances.size()).parallel().mapToObj(i -> {
                try {
                    SpokenDigits.Utterance u = utterances.get(i);
                    Wav wav = Wav.read(u.wav()).resampled(LogMel.RATE);
                    if (snrDb != null) {
                        wav = withNoise(wav, snrDb, new Random(seed * 7_919L + split.ordinal() * 1_000_003L + i));
                    }
                    return new Example(u, LOG_MEL.get().frames(wav.samples()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** {@code wav} plus white Gaussian noise of power P_signal / 10^(snr / 10). */
    static Wav withNoise(Wav wav, double snrDb, Random random) {
        float[] s = wav.samples();
        double power = 0;
        for (float v : s) {
            power += v * v;
        }
        power /= Math.max(1, s.length);
        double sigma = Math.sqrt(power / Math.pow(10, snrDb / 10));
        float[] out = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (float) (s[i] + sigma * random.nextGaussian());
        }
        return new Wav(out, wav.rate());
    }

    /** The model's targets: digit d is class d + 1 (class 0 is the blank). */
    static int[] classes(int[] digits) {
        int[] out = new int[digits.length];
        for (int i = 0; i < digits.length; i++) {
            out[i] = digits[i] + 1;
        }
        return out;
    }

    /** Decoded classes back to digits. */
    static int[] digits(int[] classes) {
        int[] out = new int[classes.length];
        for (int i = 0; i < classes.length; i++) {
            out[i] = classes[i] - 1;
        }
        return out;
    }
}
