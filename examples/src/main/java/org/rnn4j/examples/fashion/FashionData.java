package org.rnn4j.examples.fashion;

import java.io.IOException;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The Fashion-MNIST options {@code fashion} and {@code caption} share (a picocli mixin), and the split they
 * both train on: the first {@code --train-size} training images less a held-out validation slice (the last
 * 2 000, or a tenth when fewer than 20 000 are used), and the first {@code --test-size} test images.
 */
public final class FashionData {
    @Option(names = "--data", paramLabel = "DIR", description = "The gzipped IDX files (default: ${DEFAULT-VALUE}).")
    private Path data = FashionMnist.DEFAULT_DIRECTORY;

    @Option(names = "--train-size", paramLabel = "N",
            description = "Use the first N training images (default: all ${DEFAULT-VALUE}); the last 2 000 of them"
                    + " (a tenth when fewer than 20 000) are held out for validation.")
    private int trainSize = 60_000;

    @Option(names = "--test-size", paramLabel = "N", description = "Test on the first N test images (default: all"
            + " ${DEFAULT-VALUE}).")
    private int testSize = 10_000;

    /** Training, validation and test images. */
    public record Split(FashionMnist train, FashionMnist validation, FashionMnist test) {
    }

    /** Checks the sizes (exit 2 with one line when out of range). */
    void check() {
        FashionCommands.check("--train-size", trainSize, 100, 60_000);
        FashionCommands.check("--test-size", testSize, 1, 10_000);
    }

    /** Reads the IDX files and splits them. */
    Split load() throws IOException {
        FashionMnist all = FashionMnist.train(data).head(trainSize);
        int held = trainSize >= 20_000 ? 2_000 : trainSize / 10;
        return new Split(all.slice(0, trainSize - held), all.slice(trainSize - held, trainSize),
                FashionMnist.test(data).head(testSize));
    }
}
