#include "packing.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace rnn4j {

Packing::Packing(const int32_t* lengths, int64_t steps_, int64_t batch_) : steps(steps_), batch(batch_) {
    order.resize(static_cast<size_t>(batch));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return lengths[a] > lengths[b]; });
    length.resize(order.size());
    for (size_t i = 0; i < order.size(); ++i) {
        length[i] = lengths[order[i]];
    }
    segment_of_time_.assign(static_cast<size_t>(steps), -1);
    int64_t t0 = 0, row0 = 0;
    // Walk the sorted batch from the shortest: each distinct length closes a segment.
    for (int64_t active = batch; active > 0;) {
        const int64_t end = length[static_cast<size_t>(active - 1)];
        // Cut [t0, end) into power-of-two step counts, so a workload with many distinct lengths reuses
        // a bounded set of primitive shapes (at most log2(T) step counts per active batch size).
        while (end > t0) {
            int64_t steps_here = 1;
            while (steps_here * 2 <= end - t0) {
                steps_here *= 2;
            }
            segments.push_back(Segment{t0, steps_here, active, row0});
            for (int64_t t = t0; t < t0 + steps_here; ++t) {
                segment_of_time_[static_cast<size_t>(t)] = static_cast<int64_t>(segments.size() - 1);
            }
            row0 += steps_here * active;
            t0 += steps_here;
        }
        while (active > 0 && length[static_cast<size_t>(active - 1)] <= t0) {
            --active;
        }
    }
    rows = row0;
}

void Packing::scatter(const float* packed, float* padded, int64_t width) const {
    for (const Segment& s : segments) {
        for (int64_t t = s.t0; t < s.t0 + s.steps; ++t) {
            for (int64_t i = 0; i < s.batch; ++i) {
                std::memcpy(padded + (t * batch + order[static_cast<size_t>(i)]) * width,
                            packed + (s.row + (t - s.t0) * s.batch + i) * width, sizeof(float) * width);
            }
        }
    }
}

void Packing::gather(const float* padded, float* packed, int64_t width) const {
    for (const Segment& s : segments) {
        for (int64_t t = s.t0; t < s.t0 + s.steps; ++t) {
            for (int64_t i = 0; i < s.batch; ++i) {
                std::memcpy(packed + (s.row + (t - s.t0) * s.batch + i) * width,
                            padded + (t * batch + order[static_cast<size_t>(i)]) * width, sizeof(float) * width);
            }
        }
    }
}

void Packing::reverse(const float* src, float* dst, int64_t width) const {
    for (const Segment& s : segments) {
        for (int64_t t = s.t0; t < s.t0 + s.steps; ++t) {
            for (int64_t i = 0; i < s.batch; ++i) {
                const int64_t mirrored = length[static_cast<size_t>(i)] - 1 - t;
                std::memcpy(dst + (s.row + (t - s.t0) * s.batch + i) * width, src + row(mirrored, i) * width,
                            sizeof(float) * width);
            }
        }
    }
}

}  // namespace rnn4j
