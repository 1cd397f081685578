package org.rnn4j.examples.charlm;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rnn4j.examples.text.CharVocabulary;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.backend.Backend;
import org.rnn4j.examples.cli.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One-to-many sampling from a trained char LM: feed the prime one character at a time, then draw each
 * next character from softmax(logits / temperature) over the top-k likeliest, and feed it back.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generates text with a char LM trained by train-charlm: prints the prime and the generated "
                + "characters (the same seed gives the same text).")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "DIR", required = true,
            description = "The directory train-charlm wrote (--out): config.json, model.safetensors, vocabulary.json.")
    private Path model;

    @Option(names = "--prime", paramLabel = "TEXT", description = "Text the model reads first (default '${DEFAULT-VALUE}').")
    private String prime = "The Commission ";

    @Option(names = "--length", paramLabel = "N", description = "Characters to generate (default ${DEFAULT-VALUE}).")
    private int length = 400;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature; 0 = always the likeliest "
            + "character (default ${DEFAULT-VALUE}).")
    private double temperature = 0.7;

    @Option(names = "--top-k", paramLabel = "K", description = "Sample among the K likeliest characters only "
            + "(0 = all; default ${DEFAULT-VALUE}).")
    private int topK = 0;

    @Option(names = "--seed", paramLabel = "S", description = "Seeds the sampling (default ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Option(names = "--backend", paramLabel = "native|jvm", description = "Where the math runs (default: native, "
            + "or jvm where the native library does not load).")
    private String backend;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Writes the run's figures as JSON.")
    private Path report;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        if (length < 0) {
            throw new IllegalArgumentException("--length must be >= 0, got " + length);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("--temperature must be >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("--top-k must be >= 0, got " + topK);
        }
        if (prime.isEmpty()) {
            throw new IllegalArgumentException("--prime must not be empty");
        }
        // 1. The vocabulary and the model, as train-charlm saved them.
        CharVocabulary vocabulary = CharModelFiles.vocabulary(model);
        int[] primeIds = vocabulary.encode(prime);
        Backend chosen = backend == null ? RnnEngines.defaultBackend() : RnnEngines.parse(backend);
        try (LanguageModel lm = CharModelFiles.model(model, chosen)) {
            // 2. Read the prime, then sample `length` characters, each fed back as the next input.
            int[] generated = lm.generate(primeIds, length, temperature, topK, seed);
            // 3. The prime and what followed it.
            System.out.println(prime + vocabulary.decode(generated));
        }
        // 4. The report: no training, so no steps.
        new Report("generate", chosen).run((System.nanoTime() - start) / 1e9, 0)
                .metric("characters", length).write(report);
        return 0;
    }
}
