package org.rnn4j.examples.speech;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * The alignment made visible: an utterance's log-mel spectrogram (40 channels over time, low frequencies at
 * the bottom) with the model's CTC posteriors beneath it on the same time axis: one curve per digit (its
 * probability at each step, labelled at its peak) and the blank in grey. CTC emits each digit as a spike
 * where the digit is heard, and the blank in between.
 */
final class AlignmentPlot {
    private static final int LEFT = 70, RIGHT = 20, TOP = 50, GAP = 40, BOTTOM = 40;
    private static final int SPECTROGRAM_HEIGHT = 240, POSTERIOR_HEIGHT = 220;
    private static final int PIXELS_PER_FRAME = 4;
    private static final Color[] DIGIT_COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22), new Color(0x000000)};

    private AlignmentPlot() {
    }

    /**
     * @param frames     the normalised log-mel frames [F][40] (10 ms each)
     * @param posteriors the class probabilities per model step [S][11] (class 0 the blank, class d + 1 digit d),
     *                   each step {@code stack} frames
     */
    static void save(Path png, String title, float[][] frames, float[][] posteriors, int stack) throws IOException {
        int plotWidth = Math.max(300, frames.length * PIXELS_PER_FRAME);
        int width = LEFT + plotWidth + RIGHT;
        int height = TOP + SPECTROGRAM_HEIGHT + GAP + POSTERIOR_HEIGHT + BOTTOM;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        // 1. The spectrogram: each frame a column, each channel a band, colour by value (clamped to ±3).
        double frameWidth = (double) plotWidth / frames.length;
        double band = (double) SPECTROGRAM_HEIGHT / LogMel.MELS;
        for (int f = 0; f < frames.length; f++) {
            for (int c = 0; c < LogMel.MELS; c++) {
                g.setColor(heat((frames[f][c] + 3) / 6));
                int x0 = LEFT + (int) (f * frameWidth), x1 = LEFT + (int) ((f + 1) * frameWidth);
                int y0 = TOP + (int) ((LogMel.MELS - 1 - c) * band), y1 = TOP + (int) ((LogMel.MELS - c) * band);
                g.fillRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
            }
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotWidth, SPECTROGRAM_HEIGHT);
        g.drawString("log-mel", 8, TOP + SPECTROGRAM_HEIGHT / 2);
        g.drawString("channel", 8, TOP + SPECTROGRAM_HEIGHT / 2 + 14);

        // 2. The posteriors on the same time axis: a step covers `stack` frames.
        int top = TOP + SPECTROGRAM_HEIGHT + GAP;
        double stepWidth = frameWidth * stack;
        g.drawRect(LEFT, top, plotWidth, POSTERIOR_HEIGHT);
        g.drawString("CTC", 8, top + POSTERIOR_HEIGHT / 2);
        g.drawString("posterior", 8, top + POSTERIOR_HEIGHT / 2 + 14);
        g.drawString("1", LEFT - 14, top + 10);
        g.drawString("0", LEFT - 14, top + POSTERIOR_HEIGHT);
        g.setStroke(new BasicStroke(1.8f));
        for (int k = 0; k < posteriors[0].length; k++) {
            g.setColor(k == 0 ? Color.LIGHT_GRAY : DIGIT_COLOURS[(k - 1) % DIGIT_COLOURS.length]);
            int peak = 0;
            for (int s = 0; s < posteriors.length; s++) {
                if (posteriors[s][k] > posteriors[peak][k]) {
                    peak = s;
                }
                if (s > 0) {
                    g.drawLine(x(s - 1, stepWidth), y(posteriors[s - 1][k], top),
                            x(s, stepWidth), y(posteriors[s][k], top));
                }
            }
            if (k > 0 && posteriors[peak][k] > 0.5) {
                g.drawString(Integer.toString(k - 1), x(peak, stepWidth) - 3, y(posteriors[peak][k], top) - 4);
            }
        }
        g.setColor(Color.BLACK);
        g.drawString("time (10 ms frames; grey: blank)", LEFT, top + POSTERIOR_HEIGHT + 28);
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(image, "png", png.toFile());
    }

    private static int x(int step, double stepWidth) {
        return LEFT + (int) ((step + 0.5) * stepWidth);
    }

    private static int y(float p, int top) {
        return top + (int) ((1 - p) * (POSTERIOR_HEIGHT - 2)) + 1;
    }

    /** A dark-blue → yellow colour for v in [0, 1]. */
    private static Color heat(double v) {
        float t = (float) Math.max(0, Math.min(1, v));
        return new Color(Math.min(1f, 1.6f * t), 0.15f + 0.8f * t, 0.45f * (1 - t) + 0.1f);
    }
}
