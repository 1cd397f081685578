package org.rnn4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.rnn4j.backend.Backend;
import org.rnn4j.models.LanguageModel;
import org.rnn4j.models.SequenceClassifier;
import org.rnn4j.nn.Recurrent;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/** Sizes whose element count overflows are refused with an IllegalArgumentException naming them, before any allocation. */
class SizeOverflowTest {
    private static final long TWO_31 = 1L << 31;

    @Test
    void aShapeWhoseProductOverflowsIsRefused() {
        assertRefused(() -> Shape.of(TWO_31, TWO_31, TWO_31), "[2147483648, 2147483648, 2147483648]", "overflows");
        assertRefused(() -> Tensor.zeros(TWO_31, TWO_31, TWO_31), "[2147483648, 2147483648, 2147483648]", "overflows");
        assertEquals(0, Shape.of(0, Long.MAX_VALUE, Long.MAX_VALUE).size(), "a zero dimension never overflows");
    }

    @Test
    void productsNameTheirArgument() {
        assertEquals(24, Checks.product("a × b", 2, 3, 4));
        assertRefused(() -> Checks.product("vocabularySize × width", Long.MAX_VALUE, 2), "vocabularySize × width",
                "overflows");
        assertRefused(() -> Checks.arrayLength("rows × columns", 65536, 65536), "rows × columns = 65536 × 65536",
                "more than one Java array holds");
    }

    @Test
    void aVocabularyOfIntegerMaxValueIsRefusedNamingIt() {
        for (Backend backend : new Backend[] {Backend.JVM, Backend.NATIVE}) {
            assertRefused(() -> LanguageModel.builder(Integer.MAX_VALUE).embedding(4).recurrent(Recurrent.lstm(4))
                    .backend(backend).build(), "vocabularySize × width", "2147483647 × 4");
        }
    }

    @Test
    void aClassCountBeyondOneArrayIsRefusedNamingTheLayer() {
        assertRefused(() -> SequenceClassifier.builder(3, Integer.MAX_VALUE).recurrent(Recurrent.gru(4))
                .backend(Backend.JVM).build(), "outFeatures × inFeatures", "2147483647 × 4");
    }

    @Test
    void recurrentSizesWhoseWeightsOverflowAreRefused() {
        assertRefused(() -> RnnConfig.builder(CellKind.LSTM, Integer.MAX_VALUE, Integer.MAX_VALUE).layers(Integer.MAX_VALUE)
                .direction(Direction.BIDIRECTIONAL_CONCAT).build(), "weights_", "overflows");
    }

    private static void assertRefused(Executable call, String... needles) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String needle : needles) {
            assertTrue(e.getMessage().contains(needle), "'" + needle + "' in: " + e.getMessage());
        }
    }
}
