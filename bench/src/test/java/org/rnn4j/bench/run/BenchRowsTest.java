package org.rnn4j.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rnn4j.CellKind;
import org.rnn4j.Precision;

/** The rows are issue 9's, FLOPs are counted as it says, and the budgets shorten runs as documented. */
class BenchRowsTest {

    @Test
    void theIssuesRows() {
        List<BenchRow> full = BenchRows.standard(false, false);
        assertEquals(9 + 9 + 9 + 1, full.size());
        assertEquals(9, full.stream().filter(BenchRow::variable).count());
        assertTrue(full.stream().anyMatch(r -> r.name().equals("gru inference 1500,1,1024 fixed")));
        assertTrue(full.stream().anyMatch(r -> r.name().equals("lbr_gru training 629,128,128 fixed")));
        assertTrue(full.stream().anyMatch(r -> r.name().equals("lstm training 50,64,512 fixed 2-layer bidirectional")));
        List<BenchRow> quick = BenchRows.standard(true, false);
        assertEquals(full.size(), quick.size());
        for (int i = 0; i < full.size(); i++) {
            boolean gru = full.get(i).cell() == CellKind.GRU;
            assertEquals(gru ? BenchRows.QUICK_GRU_STEPS : full.get(i).steps(), quick.get(i).steps());
            assertEquals(gru ? 1500 : 0, quick.get(i).shortenedFromT());
        }
        assertEquals(3, BenchRows.filter(full, "training 25,16,256 fixed").size());
        assertEquals(2, BenchRows.filter(full, "^lstm inference (150|25),").size());
    }

    @Test
    void bf16RowsAreTheEverydayTrainingShapes() {
        List<BenchRow> f32 = BenchRows.standard(false, false);
        List<BenchRow> all = BenchRows.standard(false, true);
        assertEquals(f32, all.subList(0, f32.size()), "the f32 rows first, unchanged");
        List<BenchRow> bf16 = all.subList(f32.size(), all.size());
        assertEquals(9, bf16.size());
        for (BenchRow row : bf16) {
            assertEquals(Precision.BF16, row.precision());
            assertEquals(Precision.BF16, row.config().precision());
            assertEquals("bf16", row.precisionKey());
            assertEquals(BenchRow.Mode.TRAINING, row.mode());
            assertTrue(row.name().endsWith(" fixed bf16"), row.name());
            assertTrue(f32.contains(row.in(Precision.F32)), row.name() + " has its f32 row");
        }
        assertTrue(all.stream().anyMatch(r -> r.name().equals("lbr_gru training 25,16,256 fixed bf16")));
        assertEquals("f32", f32.get(0).precisionKey());
    }

    @Test
    void flopsAreCountedOnRealSteps() {
        BenchRow lstm = new BenchRow(CellKind.LSTM, BenchRow.Mode.TRAINING, BenchRow.Lengths.FIXED, 1, 1, 50, 64, 512,
                512, 0);
        assertEquals(50.0 * 64 * 2 * 4 * 512 * (512 + 512) * 3, lstm.flops(50));
        BenchRow inference = new BenchRow(CellKind.GRU, BenchRow.Mode.INFERENCE, BenchRow.Lengths.FIXED, 1, 1, 10, 2,
                8, 16, 0);
        assertEquals(10.0 * 2 * 2 * 3 * 16 * (8 + 16), inference.flops(10));
        // 2 layers, 2 directions: the second layer reads both directions' outputs (2H wide)
        BenchRow stacked = new BenchRow(CellKind.RNN_TANH, BenchRow.Mode.INFERENCE, BenchRow.Lengths.FIXED, 2, 2, 1,
                1, 4, 4, 0);
        assertEquals(2 * 2.0 * 4 * (4 + 4) + 2 * 2.0 * 4 * (8 + 4), stacked.flops(1));
        BenchRow variable = new BenchRow(CellKind.LSTM, BenchRow.Mode.TRAINING, BenchRow.Lengths.VARIABLE, 1, 1, 50, 64,
                512, 512, 0);
        int[] lengths = variable.lengths(50);
        long sum = 0;
        for (int l : lengths) {
            assertTrue(l >= 25 && l <= 50, "length " + l);
            sum += l;
        }
        assertEquals(50, lengths[0]);
        assertEquals(sum, variable.realSteps(50));
        assertEquals(sum * lstm.flopsPerSequenceStep(), variable.flops(50));
        assertEquals(sum / (50.0 * 64), variable.realFraction(), 1e-12);
    }

    @Test
    void budgetsShortenToFit() {
        BenchRow big = new BenchRow(CellKind.LSTM, BenchRow.Mode.TRAINING, BenchRow.Lengths.FIXED, 1, 1, 25, 128, 1024,
                1024, 0);
        double perStep = 128 * big.flopsPerSequenceStep();
        assertEquals(3, Budgets.stepsWithin(big, 3.5 * perStep));
        assertEquals(1, Budgets.stepsWithin(big, 0.1 * perStep));
        assertEquals(25, Budgets.stepsWithin(big, 1e30));
        assertEquals(Budgets.MIN_JVM_STEPS, Budgets.jvmStepsWithin(big, 0.1 * perStep));
        assertEquals(7, Budgets.jvmStepsWithin(big, 7.5 * perStep));
        assertEquals(12, Budgets.sequencesWithin(big, 1, 12.5 * big.flopsPerSequenceStep()));
        assertEquals(1, Budgets.sequencesWithin(big, 1, 1));
        assertEquals(3L * 12, ScalarStep.realSteps(big, 3, 12));
    }
}
