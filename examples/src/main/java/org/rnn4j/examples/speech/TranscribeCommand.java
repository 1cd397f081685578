package org.rnn4j.examples.speech;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.rnn4j.Direction;
import org.rnn4j.backend.Backend;
import org.rnn4j.data.SequenceBatch;
import org.rnn4j.examples.cli.ExampleOptions;
import org.rnn4j.infer.CtcDecoding;
import org.rnn4j.infer.ModelStream;
import org.rnn4j.infer.Sampling;
import org.rnn4j.models.SequenceTranscriber;
import org.rnn4j.rnn.RnnEngines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rnn4j transcribe --model DIR FILE.wav}: the digits a model saved by {@code rnn4j speech} hears in a
 * 16-bit PCM WAV (any rate, resampled to 16 kHz; any channel count, averaged), printed as one line. With
 * {@code --stream} a left-to-right model reads the audio as it arrives, 100 ms at a time, step by step with
 * its kept state, and prints each digit as soon as it is heard.
 */
@Command(name = "transcribe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints the digits heard in a 16-bit PCM WAV file (e.g. 31415) by a model that 'rnn4j speech'"
                + " saved; --stream reads the audio 100 ms at a time with a left-to-right model (speech --direction"
                + " left) and prints each digit as it is heard."})
public final class TranscribeCommand implements Callable<Integer> {
    /** Audio arriving per chunk in --stream: 100 ms at 16 kHz. */
    private static final int CHUNK = LogMel.RATE / 10;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true,
            description = "The model directory (speech's --out/model).")
    private Path model;

    @Parameters(paramLabel = "FILE.wav", description = "The audio.")
    private Path wav;

    @Option(names = "--stream", description = "Step by step as the audio arrives (a left-to-right model only).")
    private boolean stream;

    @Option(names = "--beam", paramLabel = "W", description = "Prefix beam search of width W instead of greedy"
            + " decoding (not with --stream).")
    private Integer beam;

    @Option(names = "--backend", paramLabel = "native|jvm", converter = ExampleOptions.BackendConverter.class,
            description = "Where the math runs (default: native, or jvm where the native library does not load).")
    private Backend backend;

    @Override
    public Integer call() throws Exception {
        if (beam != null && (beam < 1 || stream)) {
            throw new IllegalArgumentException(stream
                    ? "--beam does not go with --stream (decoded greedily step by step)"
                    : "--beam must be >= 1, got " + beam);
        }
        SpeechFeatures features = SpeechFeatures.load(model);
        Wav audio = Wav.read(wav).resampled(LogMel.RATE);
        PrintWriter out = spec.commandLine().getOut();
        try (SequenceTranscriber transcriber = SequenceTranscriber.load(model,
                backend != null ? backend : RnnEngines.defaultBackend())) {
            if (stream) {
                streamDigits(transcriber, features, audio.samples(), out);
            } else {
                float[][] steps = features.steps(new LogMel().frames(audio.samples()));
                float[][] p = transcriber.probabilities(SequenceBatch.of(List.<Object>of(steps)))[0];
                int[] classes = beam == null ? CtcDecoding.greedy(p, SequenceTranscriber.BLANK)
                        : CtcDecoding.beam(p, SequenceTranscriber.BLANK, beam);
                out.println(SpeechCommand.text(SpeechCorpus.digits(classes)));
            }
            out.flush();
        }
        return 0;
    }

    /** Feeds the audio 100 ms at a time; each whole frame is normalised, each full stack is one model step. */
    private static void streamDigits(SequenceTranscriber transcriber, SpeechFeatures features, float[] samples,
                                     PrintWriter out) {
        if (transcriber.recurrentConfig().direction() != Direction.LEFT_TO_RIGHT
                || features.normalisation() != SpeechFeatures.Normalisation.GLOBAL) {
            throw new IllegalArgumentException("--stream needs a left-to-right model (rnn4j speech --direction left),"
                    + " this one reads " + transcriber.recurrentConfig().direction());
        }
        LogMel logMel = new LogMel();
        List<float[]> pending = new ArrayList<>();                 // frames of the step being stacked
        float[] lastFrame = null;
        int frames = 0;
        int previous = SequenceTranscriber.BLANK;
        try (ModelStream steps = transcriber.stream(1)) {
            for (int arrived = Math.min(CHUNK, samples.length); ; arrived = Math.min(arrived + CHUNK, samples.length)) {
                boolean ended = arrived == samples.length;
                // Whole frames within the audio so far (a clip shorter than one frame makes one, zero-padded).
                int available = ended || arrived >= LogMel.WINDOW ? LogMel.frameCount(arrived) : 0;
                float[] heard = java.util.Arrays.copyOf(samples, arrived);
                for (; frames < available; frames++) {
                    lastFrame = logMel.frame(heard, frames * LogMel.HOP);
                    features.normaliseGlobally(lastFrame);
                    pending.add(lastFrame);
                    if (pending.size() == features.stack()) {
                        previous = emit(steps, pending, previous, out);
                    }
                }
                if (ended) {
                    if (!pending.isEmpty()) {
                        while (pending.size() < features.stack()) {
                            pending.add(lastFrame);                // as SpeechFeatures.steps pads the last step
                        }
                        emit(steps, pending, previous, out);
                    }
                    break;
                }
            }
        }
        out.println();
    }

    /** One model step from the stacked frames; prints a digit when the likeliest class turns to a new digit. */
    private static int emit(ModelStream steps, List<float[]> pending, int previous, PrintWriter out) {
        float[] input = new float[pending.size() * LogMel.MELS];
        for (int k = 0; k < pending.size(); k++) {
            System.arraycopy(pending.get(k), 0, input, k * LogMel.MELS, LogMel.MELS);
        }
        pending.clear();
        int best = Sampling.greedy(steps.step(new float[][] {input})[0]);
        if (best != SequenceTranscriber.BLANK && best != previous) {
            out.print(best - 1);
            out.flush();
        }
        return best;
    }
}
