#include "segment_cuts.hpp"

#include <algorithm>
#include <limits>

namespace rnn4j {

std::vector<Cut> coarse_cuts(const std::vector<int64_t>& length, const SegmentCost& cost) {
    const int64_t N = static_cast<int64_t>(length.size()), longest = length.front();
    const int64_t grid = std::max<int64_t>(1, (longest + 31) / 32), rounding = std::max<int64_t>(1, (N + 15) / 16);
    std::vector<int64_t> times;  // candidate cut times, ascending: 0, grid, 2 grid, ..., longest
    for (int64_t t = 0; t < longest; t += grid) {
        times.push_back(t);
    }
    times.push_back(longest);
    // Rows a call starting at t runs: the sequences alive at t, rounded up (at most N; alive never grows,
    // so the rounded batch never exceeds an earlier cut's).
    auto batch_at = [&](int64_t t) {
        const int64_t alive = static_cast<int64_t>(
            std::upper_bound(length.begin(), length.end(), t, [](int64_t v, int64_t l) { return v >= l; }) -
            length.begin());
        return std::min(N, (alive + rounding - 1) / rounding * rounding);
    };
    const size_t K = times.size();
    std::vector<double> best(K, std::numeric_limits<double>::infinity());
    std::vector<size_t> from(K, 0);
    best[0] = 0;
    for (size_t j = 1; j < K; ++j) {
        for (size_t i = 0; i < j; ++i) {
            const double steps = static_cast<double>(times[j] - times[i]);
            const double c = best[i] + steps * (static_cast<double>(batch_at(times[i])) + cost.step_rows) + cost.call_rows;
            if (c < best[j]) {
                best[j] = c;
                from[j] = i;
            }
        }
    }
    std::vector<Cut> cuts;
    for (size_t j = K - 1; j > 0; j = from[j]) {
        const int64_t t0 = times[from[j]];
        cuts.push_back(Cut{t0, times[j] - t0, batch_at(t0)});
    }
    std::reverse(cuts.begin(), cuts.end());
    return cuts;
}

}  // namespace rnn4j
