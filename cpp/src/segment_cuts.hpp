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
    double step_rows = 8;   // a step's cost beyond its rows (weights streamed once per step), in rows
    double call_rows = 48;  // a call's own cost (primitive setup, weight-gradient reorder), in row-steps
};

struct Cut {
    int64_t t0, steps, batch;
};

/**
 * The cheapest cuts of [0, length[0]) for lengths sorted longest first. Cut times lie on a grid of
 * ceil(max / 16) steps and batches are rounded up to multiples of ceil(N / 8) (never above the previous
 * cut's batch), so varying lengths reuse a bounded set of primitive shapes.
 */
std::vector<Cut> coarse_cuts(const std::vector<int64_t>& length, const SegmentCost& cost);

}  // namespace rnn4j

#endif  // RNN4J_SEGMENT_CUTS_HPP
