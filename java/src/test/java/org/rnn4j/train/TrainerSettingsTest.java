package org.rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.backend.Backend;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.train.optim.Schedule;

/** What a built trainer says of its configuration: what its builder was given, or the defaults. */
class TrainerSettingsTest {

    @Test
    void theTrainerReportsItsConfiguration(@TempDir Path dir) {
        try (LanguageModel model = LanguageModel.builder(5).embedding(3).recurrent(Recurrent.lstm(4)).seed(1)
                .backend(Backend.JVM).build()) {
            Schedule schedule = Schedule.cosine(100, 0.1);
            Checkpoints checkpoints = Checkpoints.every(dir, 8);
            Divergence divergence = Divergence.defaults().action(Divergence.Action.STOP);
            try (Trainer<?> trainer = Trainer.builder(model).schedule(schedule).clipValue(0.5).truncatedBptt(10, 5)
                    .checkpoints(checkpoints).divergence(divergence).build()) {
                assertEquals(schedule, trainer.schedule());
                assertEquals(Clipping.byValue(0.5), trainer.clipping());
                assertEquals(new TruncatedBptt(10, 5), trainer.truncatedBptt().orElseThrow());
                assertEquals(checkpoints, trainer.checkpoints().orElseThrow());
                assertEquals(divergence, trainer.divergence());
            }
            try (Trainer<?> plain = Trainer.builder(model).build()) {
                assertEquals(Clipping.none(), plain.clipping());
                assertTrue(plain.truncatedBptt().isEmpty());
                assertTrue(plain.checkpoints().isEmpty());
                assertEquals(Divergence.defaults(), plain.divergence());
            }
        }
    }
}
