// Coarse time segments for variable lengths run padded: a few left-to-right calls, each over steps
// [t0, t0 + steps) with the `batch` longest sequences (every one alive at t0, some ending inside),
// chosen by a cost model that weighs the padded rows computed against the calls made.
#ifndef RNN4J_SEGMENT_CUTS_HPP
#define RNN4J_SEGMENT_CUTS_HPP

#include <cstdint>
#include <vector>

namespace rnn4j {

/** Cost of one call over `steps` steps with `batch` rows: steps * (batch + step_rows) + call_rows. */
struct SegmentCost {
    double step_rows = 2;   // a step's cost beyond its rows (the weights streamed once per step), in rows
    double call_rows = 16;  // a call's own cost (argument binding, oneDNN's copies in and out), in row-steps

    /**
     * For a first layer of `work` = G*H*(I+H) multiply-adds per row and step: a call costs about as much
     * as 16 rows of an LSTM of I = H = 256 (measured, forward + backward, 1 and 2 threads), i.e. fewer
     * rows of a bigger cell and more of a smaller one (between 2 and 64).
     */
    static SegmentCost of(int64_t work) {
        SegmentCost c;
        const double rows = 16.0 * (4.0 * 256 * 512) / static_cast<double>(work > 0 ? work : 1);
        c.call_rows = rows < 2 ? 2 : (rows > 64 ? 64 : rows);
        return c;
    }
};

struct Cut {
    int64_t t0, steps, batch;
};

/**
 * The cheapest cuts of [0, length[0]) for lengths sorted longest first. Cut times lie on a grid of
 * ceil(max / 32) steps and batches are rounded up to multiples of ceil(N / 16) (never above the previous
 * cut's batch), so varying lengths reuse a bounded set of primitive shapes (at most 32 x 16 per T and N).
 */
std::vector<Cut> coarse_cuts(const std::vector<int64_t>& length, const SegmentCost& cost);

}  // namespace rnn4j

#endif  // RNN4J_SEGMENT_CUTS_HPP
