// Coarse time segments for variable lengths run padded: a few left-to-right calls, each over steps
// [t0, t0 + steps) with the `batch` longest sequences (every one alive at t0, some ending inside),
// chosen by a cost model that weighs the padded rows computed against the calls made.
#ifndef RNN4J_SEGMENT_CUTS_HPP
#define RNN4J_SEGMENT_CUTS_HPP

#include <cstdint>
#include <vector>

namespace rnn4j {

/**
 * Cost of one call over `steps` steps with `batch` rows: steps * (batch + step_rows) + call_rows, in
 * row-steps. A call's own cost is mostly work the size of the weights (the weight-gradient GEMMs write
 * all of dW once per call; oneDNN's copies in and out), so in row-steps it hardly depends on the shape:
 * about 12-16 measured (forward + backward) at LSTM 25,16,256 and 50,64,512.
 */
struct SegmentCost {
    double step_rows = 2;   // a step's cost beyond its rows (the weights streamed once per step), in rows
    double call_rows = 16;  // a call's own cost, in row-steps
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
