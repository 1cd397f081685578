package org.rnn4j.consumer;

import java.util.ArrayList;
import java.util.List;

import org.rnn4j.backend.Backend;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.TokenBatch;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.optim.Adam;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.train.Epochs;
import org.rnn4j.train.StepReport;
import org.rnn4j.train.Trainer;
import org.rnn4j.train.TrainingListener;

/**
 * Trains a tiny LSTM language model on 0 1 2 3 0 1 2 3 … with nothing but the installed artifacts and
 * prints its loss falling. Exit 0 when it learns on the expected backend, 1 otherwise.
 * Usage: ConsumerCheck native|jvm (the backend rnn4j must choose by itself).
 */
public final class ConsumerCheck {
    private static final int VOCABULARY = 4;
    private static final int UPDATES = 60;

    private ConsumerCheck() {
    }

    public static void main(String[] args) throws Exception {
        Backend expected = RnnEngines.parse(args.length > 0 ? args[0] : "native");
        Backend chosen = RnnEngines.defaultBackend();                 // native when this platform's jar loads
        System.out.println("backend: " + chosen + " (expected " + expected + ")");

        int[] text = new int[64];                                     // the toy text
        for (int t = 0; t < text.length; t++) {
            text[t] = t % VOCABULARY;
        }
        List<TokenBatch> train = List.of(TokenBatch.nextToken(List.of(text)));
        List<Double> losses = new ArrayList<>();
        try (LanguageModel model = LanguageModel.builder(VOCABULARY).embedding(8)
                     .recurrent(Recurrent.lstm(16)).seed(1).build();
             Trainer<TokenBatch> trainer = Trainer.builder(model).optimizer(Adam.lr(2e-2)).build()) {
            trainer.addListener(new TrainingListener() {
                @Override
                public void onStep(StepReport report) {
                    losses.add(report.loss().mean());
                    if (report.step() == 1 || report.step() % 25 == 0) {
                        System.out.printf("update %3d  loss %.4f%n", report.step(), report.loss().mean());
                    }
                }
            });
            trainer.fit(train, null, Epochs.of(UPDATES));
        }
        double first = losses.get(0);
        double last = losses.get(losses.size() - 1);
        // ln 4 = 1.386 is chance; the sequence is deterministic, so a working LSTM ends far below it.
        boolean learned = last < 0.25 * first;
        System.out.printf("loss %.4f -> %.4f after %d updates: %s%n", first, last, losses.size(),
                learned ? "falling" : "NOT falling");
        if (chosen != expected || !learned) {
            System.out.println("consumer check FAILED");
            System.exit(1);
        }
        System.out.println("consumer check passed");
    }
}
