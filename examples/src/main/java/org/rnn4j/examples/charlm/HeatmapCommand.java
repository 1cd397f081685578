package org.rnn4j.examples.charlm;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.rnn4j.examples.text.CharVocabulary;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.backend.Backend;
import org.rnn4j.examples.cli.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Unfolding, made visible: a trained char LM's LSTM run over a text, and its input, forget and output
 * gates, cell state and hidden state drawn as heatmaps (one row per hidden unit, one column per
 * character), all in one PNG. The gates are computed by hand from the model's parameters
 * ({@link LstmUnfolding}) and checked against the model's own hidden states before drawing.
 */
@Command(name = "heatmap", mixinStandardHelpOptions = true,
        description = "Draws the LSTM gates (input i, forget f, output o), the cell state c and the hidden state h "
                + "of a char LM trained by train-charlm over a text: one PNG, characters on the time axis.")
public final class HeatmapCommand implements Callable<Integer> {
    private static final int CELL_W = 14;
    private static final int CELL_H = 7;
    private static final int LEFT = 160;
    private static final int LABEL_H = 18;
    private static final int GAP = 14;

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "The directory train-charlm wrote (--out).")
    private Path model;

    @Option(names = "--text", paramLabel = "TEXT", description = "The text to run (default '${DEFAULT-VALUE}').")
    private String text = "The Commission has proposed that the Member States should, by 2002, report on it.";

    @Option(names = "--units", paramLabel = "N", description = "Hidden units drawn: the N whose hidden state varies "
            + "most over the text (default ${DEFAULT-VALUE}).")
    private int units = 32;

    @Option(names = "--out", paramLabel = "FILE.png", description = "The PNG (default: <model>/heatmap.png).")
    private Path out;

    @Option(names = "--backend", paramLabel = "native|jvm", description = "Backend of the model's own forward, the "
            + "check of the hand-computed gates (default: native, or jvm where it does not load).")
    private String backend;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Writes the run's figures as JSON.")
    private Path report;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        if (text.isEmpty() || text.length() > 400) {
            throw new IllegalArgumentException("--text must have 1 to 400 characters, got " + text.length());
        }
        if (units <= 0) {
            throw new IllegalArgumentException("--units must be > 0, got " + units);
        }
        CharVocabulary vocabulary = CharModelFiles.vocabulary(model);
        int[] ids = vocabulary.encode(text);
        Backend chosen = backend == null ? RnnEngines.defaultBackend() : RnnEngines.parse(backend);
        try (LanguageModel lm = CharModelFiles.model(model, chosen)) {
            // 1. Unfold the LSTM by hand over the text: i, f, o, c, h at every character.
            LstmUnfolding unfolded = LstmUnfolding.of(lm, ids);
            // 2. Check: the hand-computed h equals the hidden states of the model's own LSTM.
            double error = maxAbsDifference(unfolded.hidden(), LstmUnfolding.modelHiddenStates(lm, ids));
            System.out.printf(Locale.ROOT, "Hand-unfolded LSTM vs the model's own hidden states: max |difference| "
                    + "%.2e over %d characters × %d units%n", error, ids.length, unfolded.hidden()[0].length);
            if (error > 1e-3) {
                throw new IllegalStateException("the hand-computed hidden states differ from the model's by " + error);
            }
            // 3. Draw the units whose hidden state varies most, one panel per gate and state.
            int[] shown = mostVarying(unfolded.hidden(), Math.min(units, unfolded.hidden()[0].length));
            Path png = out != null ? out : model.resolve("heatmap.png");
            draw(png, text, shown, unfolded);
            System.out.printf("Drew %d units of i, f, o, c and h over %d characters to %s%n", shown.length,
                    ids.length, png);
            // 4. The report: no training, so no steps.
            new Report("heatmap", chosen).run((System.nanoTime() - start) / 1e9, 0)
                    .metric("max_hidden_difference", error).write(report);
        }
        return 0;
    }

    static double maxAbsDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int t = 0; t < a.length; t++) {
            for (int u = 0; u < a[t].length; u++) {
                max = Math.max(max, Math.abs(a[t][u] - b[t][u]));
            }
        }
        return max;
    }

    /** The {@code n} units with the largest variance of {@code h} over time, in unit order. */
    private static int[] mostVarying(float[][] h, int n) {
        int hiddenSize = h[0].length;
        double[] variance = new double[hiddenSize];
        for (int u = 0; u < hiddenSize; u++) {
            double mean = 0;
            double square = 0;
            for (float[] row : h) {
                mean += row[u];
                square += (double) row[u] * row[u];
            }
            mean /= h.length;
            variance[u] = square / h.length - mean * mean;
        }
        return IntStream.range(0, hiddenSize).boxed().sorted(Comparator.comparingDouble(u -> -variance[u])).limit(n)
                .mapToInt(Integer::intValue).sorted().toArray();
    }

    private static void draw(Path png, String text, int[] shown, LstmUnfolding s) throws java.io.IOException {
        String[] names = {"input gate i", "forget gate f", "output gate o", "cell state c", "hidden state h"};
        float[][][] panels = {s.input(), s.forget(), s.output(), s.cell(), s.hidden()};
        boolean[] signed = {false, false, false, true, true};
        int steps = text.length();
        int panelH = shown.length * CELL_H;
        int width = LEFT + steps * CELL_W + 20;
        int height = 40 + panels.length * (panelH + LABEL_H + GAP) + 30;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("LSTM unfolded over the text: " + shown.length + " of " + s.hidden()[0].length
                + " units (rows), one column per character", 10, 22);
        int y = 40;
        for (int p = 0; p < panels.length; p++) {
            float[][] values = panels[p];
            double scale = 1;
            if (p == 3) {                   // the cell state is unbounded: scale by the 98th percentile of |c| drawn
                double[] magnitudes = Arrays.stream(values).flatMapToDouble(r -> Arrays.stream(shown)
                        .mapToDouble(u -> Math.abs(r[u]))).sorted().toArray();
                scale = Math.max(1e-6, magnitudes[(int) (0.98 * (magnitudes.length - 1))]);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(Color.BLACK);
            g.drawString(names[p], 8, y + panelH / 2);
            g.drawString(signed[p] ? String.format(Locale.ROOT, "blue −%.2g … red +%.2g", scale, scale)
                    : "white 0 … black 1", 8, y + panelH / 2 + 14);
            for (int t = 0; t < steps; t++) {
                for (int r = 0; r < shown.length; r++) {
                    double v = values[t][shown[r]] / scale;
                    g.setColor(signed[p] ? diverging(v) : sequential(v));
                    g.fillRect(LEFT + t * CELL_W, y + r * CELL_H, CELL_W, CELL_H);
                }
            }
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1));
            g.drawRect(LEFT, y, steps * CELL_W, panelH);
            // the characters on the time axis, under each panel
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 12));
            for (int t = 0; t < steps; t++) {
                char c = text.charAt(t);
                String label = c == ' ' ? "␣" : String.valueOf(c);
                g.drawString(label, LEFT + t * CELL_W + 3, y + panelH + 14);
            }
            y += panelH + LABEL_H + GAP;
        }
        g.dispose();
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(image, "png", png.toFile());
    }

    /** 0 → white, 1 → near black. */
    private static Color sequential(double v) {
        int level = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, v))) * 0.92);
        return new Color(level, level, level);
    }

    /** −1 → blue, 0 → white, +1 → red. */
    private static Color diverging(double v) {
        double a = Math.max(-1, Math.min(1, v));
        int fade = (int) Math.round(255 * (1 - Math.abs(a)));
        return a >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }
}
