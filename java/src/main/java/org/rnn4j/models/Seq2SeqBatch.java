package org.rnn4j.models;

import java.util.List;
import java.util.Objects;

/**
 * Source token sequences and their target sequences, teacher-forced: decoder inputs [bos, y…] and
 * targets [y…, eos].
 *
 * @param sources the N source sequences (inputs only)
 * @param targets the N teacher-forced target sequences
 */
public record Seq2SeqBatch(TokenBatch sources, TokenBatch targets) {

    public Seq2SeqBatch {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(targets, "targets");
        if (sources.batch() != targets.batch()) {
            throw new IllegalArgumentException("sources and targets must hold the same N sequences, got "
                    + sources.batch() + " and " + targets.batch());
        }
    }

    public static Seq2SeqBatch of(List<int[]> sources, List<int[]> targets, int bos, int eos) {
        return new Seq2SeqBatch(TokenBatch.of(sources), TokenBatch.teacherForcing(targets, bos, eos));
    }
}
