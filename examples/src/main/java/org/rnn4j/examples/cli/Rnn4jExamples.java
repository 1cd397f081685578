package org.rnn4j.examples.cli;

import java.util.List;
import java.util.function.Supplier;

import org.rnn4j.cli.Rnn4jCli;
import org.rnn4j.examples.adding.AddingCommand;
import org.rnn4j.examples.charlm.GenerateCommand;
import org.rnn4j.examples.charlm.HeatmapCommand;
import org.rnn4j.examples.charlm.TrainCharLmCommand;
import org.rnn4j.examples.dates.DatesCommand;
import org.rnn4j.examples.fashion.CaptionCommand;
import org.rnn4j.examples.fashion.FashionCommand;
import org.rnn4j.examples.forecast.ForecastCommand;
import org.rnn4j.examples.speech.SpeechCommand;
import org.rnn4j.examples.speech.TranscribeCommand;

/**
 * {@code scripts/rnn4j}: the library's command line ({@code forward}) plus one subcommand per example.
 * Every example takes {@link ExampleOptions} ({@code --backend}, {@code --seed}, {@code --steps},
 * {@code --minutes}, {@code --out}, {@code --report}); a bad argument exits 2 with one line on stderr.
 */
public final class Rnn4jExamples {
    /** slf4j-simple's default level property. */
    private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    /** The examples' subcommands, in the order {@code --help} lists them. */
    static final List<Supplier<Object>> EXAMPLES = List.of(
            TrainCharLmCommand::new,    // many-to-many aligned (the main job)
            GenerateCommand::new,       // one-to-many sampling
            FashionCommand::new,        // many-to-one
            CaptionCommand::new,        // one-to-many from a vector
            AddingCommand::new,         // vanishing and exploding gradients
            ForecastCommand::new,       // time series
            DatesCommand::new,          // encoder–decoder
            SpeechCommand::new,         // unaligned many-to-many: CTC speech recognition
            TranscribeCommand::new,     // the speech model on a WAV file
            HeatmapCommand::new);       // unfolding, made visible

    private Rnn4jExamples() {
    }

    public static void main(String[] args) {
        if (System.getProperty(LOG_LEVEL) == null) {
            System.setProperty(LOG_LEVEL, "warn");
        }
        System.exit(run(args));
    }

    /** Runs {@code args} and returns the exit code (0, 1, or 2 for bad input). */
    public static int run(String... args) {
        return Rnn4jCli.commandLine(EXAMPLES.stream().map(Supplier::get).toArray()).execute(args);
    }
}
