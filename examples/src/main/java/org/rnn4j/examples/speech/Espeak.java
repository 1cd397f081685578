package org.rnn4j.examples.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The {@code espeak-ng} program (Debian package {@code espeak-ng}), run as a process: which voice variants it
 * has, and speaking a text to a WAV file with a voice, a variant, a speed and a pitch.
 */
final class Espeak {
    static final String PROGRAM = "espeak-ng";
    static final String INSTALL = "sudo apt-get install -y espeak-ng";
    private static final long TIMEOUT_SECONDS = 60;

    private Espeak() {
    }

    /** The variant names ({@code +name}) espeak-ng has; exit 2 with the install command when it is missing. */
    static Set<String> variants() throws IOException {
        Set<String> out = new HashSet<>();
        for (String line : run(List.of(PROGRAM, "--voices=variant")).split("\n")) {
            String[] columns = line.trim().split("\\s+");
            // "Pty Language Age/Gender VoiceName File ...": the file is !v/<variant>
            for (String column : columns) {
                if (column.startsWith("!v/")) {
                    out.add(column.substring(3));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(PROGRAM + " lists no voice variants (reinstall it: " + INSTALL + ")");
        }
        return out;
    }

    /** Speaks {@code text} into {@code wav} (espeak-ng's own rate, 16-bit mono) as voice+variant. */
    static void speak(String text, String voice, String variant, int wordsPerMinute, int pitch, Path wav)
            throws IOException {
        run(List.of(PROGRAM, "-v", voice + "+" + variant, "-s", Integer.toString(wordsPerMinute), "-p",
                Integer.toString(pitch), "-w", wav.toString(), text));
    }

    private static String run(List<String> command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalArgumentException(PROGRAM + " not found (install it with: " + INSTALL + ")");
        }
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(PROGRAM + " did not finish in " + TIMEOUT_SECONDS + " s: " + command);
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(PROGRAM + " failed (exit " + process.exitValue() + "): " + text.trim());
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running " + PROGRAM, e);
        }
    }
}
