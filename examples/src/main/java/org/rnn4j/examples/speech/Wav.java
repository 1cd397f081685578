package org.rnn4j.examples.speech;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * 16-bit PCM WAV files through {@code javax.sound.sampled}: read as mono samples in [−1, 1] (channels averaged)
 * with their sample rate, and written from mono samples.
 *
 * @param samples  mono samples in [−1, 1]
 * @param rate     samples per second
 */
public record Wav(float[] samples, int rate) {

    /** Reads a 16-bit PCM WAV of any rate and channel count. */
    public static Wav read(Path file) throws IOException {
        AudioInputStream in;
        try {
            in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(Files.readAllBytes(file)));
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException(file + ": not a WAV file that Java can read (" + e.getMessage() + ")");
        }
        try (in) {
            AudioFormat format = in.getFormat();
            if (format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || format.getSampleSizeInBits() != 16) {
                throw new IllegalArgumentException(file + ": expected 16-bit signed PCM, got " + format);
            }
            int channels = format.getChannels();
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes())
                    .order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int frames = bytes.remaining() / (2 * channels);
            float[] samples = new float[frames];
            for (int i = 0; i < frames; i++) {
                float sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += bytes.getShort() / 32768f;
                }
                samples[i] = sum / channels;
            }
            return new Wav(samples, Math.round(format.getSampleRate()));
        }
    }

    /** This audio at {@code newRate} samples per second ({@link Resampler}). */
    public Wav resampled(int newRate) {
        return newRate == rate ? this : new Wav(Resampler.resample(samples, rate, newRate), newRate);
    }

    /** Writes the samples (clipped to [−1, 1]) as a mono 16-bit PCM WAV. */
    public void write(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            bytes.putShort((short) Math.round(Math.max(-1f, Math.min(1f, s)) * 32767f));
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format,
                samples.length)) {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
