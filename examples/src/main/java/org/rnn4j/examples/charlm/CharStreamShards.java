package org.rnn4j.examples.charlm;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rnn4j.models.TokenBatch;
import org.rnn4j.spark.ShardedData;

/**
 * {@link CharCorpus}'s batches with the text spread over an RDD: element n holds the stretch of the text
 * that stream n reads in any epoch (its start moves with the epoch's offset), and each partition cuts
 * its own streams of an epoch exactly as {@link CharCorpus#streams} cuts them. So the global batch is the
 * single-machine batch, its rows held by the partitions.
 */
final class CharStreamShards implements ShardedData<CharStreamShards.Stream, TokenBatch> {
    private static final long serialVersionUID = 1L;

    /** The characters [start, start + ids.length) of the text that stream {@code index} reads. */
    record Stream(int index, int start, int[] ids) implements Serializable {
    }

    private final int total;
    private final int streams;
    private final int chunk;      // 0: always offset 0 (validation)

    private CharStreamShards(int total, int streams, int chunk) {
        this.total = total;
        this.streams = streams;
        this.chunk = chunk;
    }

    /** As {@link CharCorpus#training}: epoch e's streams start {@link CharCorpus#trainingOffset} in. */
    static CharStreamShards training(int total, int streams, int chunk) {
        return new CharStreamShards(total, streams, chunk);
    }

    /** As {@link CharCorpus#validation}: the streams start at 0. */
    static CharStreamShards validation(int total, int streams) {
        return new CharStreamShards(total, streams, 0);
    }

    private int offset(int epoch) {
        return chunk == 0 ? 0 : CharCorpus.trainingOffset(epoch, chunk);
    }

    /** The RDD's elements: stream n's stretch of {@code ids}, over every offset an epoch can have. */
    List<Stream> streamsOf(int[] ids) {
        if (ids.length != total) {
            throw new IllegalArgumentException("expected a text of " + total + " characters, got " + ids.length);
        }
        int offsets = chunk == 0 ? 1 : chunk;
        List<Stream> out = new ArrayList<>(streams);
        for (int n = 0; n < streams; n++) {
            int from = Integer.MAX_VALUE, to = 0;
            for (int o = 0; o < offsets; o++) {
                int length = CharCorpus.streamLength(total, streams, o);
                from = Math.min(from, o + n * length);
                to = Math.max(to, o + (n + 1) * length);
            }
            out.add(new Stream(n, from, Arrays.copyOfRange(ids, from, to)));
        }
        return out;
    }

    @Override
    public int batchesPerEpoch() {
        return 1;
    }

    @Override
    public TokenBatch share(List<Stream> elements, int partition, int epoch, int batch) {
        if (elements.isEmpty()) {
            return null;
        }
        int o = offset(epoch);
        int length = CharCorpus.streamLength(total, streams, o);
        List<int[]> rows = new ArrayList<>(elements.size());
        for (Stream s : elements) {
            int from = o + s.index() * length - s.start();
            rows.add(Arrays.copyOfRange(s.ids(), from, from + length));
        }
        return TokenBatch.nextToken(rows);
    }
}
