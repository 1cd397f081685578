package org.rnn4j.examples.charlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnn4j.models.TokenBatch;

/** The RDD form of the char corpus cuts every epoch's streams exactly as {@link CharCorpus} does. */
class CharStreamShardsTest {
    private static final int STREAMS = 8;
    private static final int CHUNK = 100;

    @Test
    void everyPartitionsShareIsItsRowsOfTheSingleMachineBatch() {
        int[] ids = new Random(5).ints(10_007, 0, 50).toArray();
        CharStreamShards shards = CharStreamShards.training(ids.length, STREAMS, CHUNK);
        List<CharStreamShards.Stream> elements = shards.streamsOf(ids);
        int[][] partitions = {{0, 1, 2}, {3, 4}, {5, 6, 7}};
        for (int epoch = 0; epoch < 6; epoch++) {
            int offset = CharCorpus.trainingOffset(epoch, CHUNK);
            TokenBatch whole = CharCorpus.streams(ids, STREAMS, offset);
            assertSameBatch(whole, TokenBatch.nextToken(rows(ids, offset, 0, STREAMS)));
            for (int[] part : partitions) {
                List<CharStreamShards.Stream> mine = new ArrayList<>();
                for (int n : part) {
                    mine.add(elements.get(n));
                }
                TokenBatch share = shards.share(mine, 0, epoch, 0);
                assertSameBatch(TokenBatch.nextToken(rows(ids, offset, part[0], part.length)), share);
            }
        }
    }

    @Test
    void validationStreamsStartAtZero() {
        int[] ids = new Random(6).ints(3_001, 0, 20).toArray();
        CharStreamShards shards = CharStreamShards.validation(ids.length, 4);
        TokenBatch share = shards.share(shards.streamsOf(ids), 0, 3, 0);
        assertSameBatch(CharCorpus.streams(ids, 4, 0), share);
    }

    /** Streams [first, first + count) as CharCorpus cuts them from {@code offset}. */
    private static List<int[]> rows(int[] ids, int offset, int first, int count) {
        int length = CharCorpus.streamLength(ids.length, STREAMS, offset);
        List<int[]> rows = new ArrayList<>();
        for (int n = first; n < first + count; n++) {
            rows.add(Arrays.copyOfRange(ids, offset + n * length, offset + (n + 1) * length));
        }
        return rows;
    }

    private static void assertSameBatch(TokenBatch expected, TokenBatch actual) {
        assertArrayEquals(expected.lengths(), actual.lengths());
        assertArrayEquals(expected.inputs(), actual.inputs());
        assertArrayEquals(expected.targets(), actual.targets());
    }
}
