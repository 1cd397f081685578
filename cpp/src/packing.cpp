#include "packing.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace rnn4j {

void Packing::sort(const int32_t* lengths) {
    order.resize(static_cast<size_t>(batch));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return lengths[a] > lengths[b]; });
    length.resize(order.size());
    for (size_t i = 0; i < order.size(); ++i) {
        length[i] = lengths[order[i]];
    }
    segment_of_time_.assign(static_cast<size_t>(steps), -1);
}

void Packing::add_segment(int64_t t0, int64_t steps_here, int64_t active) {
    segments.push_back(Segment{t0, steps_here, active, rows});
    for (int64_t t = t0; t < t0 + steps_here; ++t) {
        segment_of_time_[static_cast<size_t>(t)] = static_cast<int64_t>(segments.size() - 1);
    }
    rows += steps_here * active;
}

Packing::Packing(const int32_t* lengths, int64_t steps_, int64_t batch_) : steps(steps_), batch(batch_) {
    sort(lengths);
    int64_t t0 = 0;
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
            add_segment(t0, steps_here, active);
            t0 += steps_here;
        }
        while (active > 0 && length[static_cast<size_t>(active - 1)] <= t0) {
            --active;
        }
    }
}

Packing::Packing(const int32_t* lengths, int64_t steps_, int64_t batch_, const SegmentCost& cost)
    : steps(steps_), batch(batch_), padded(true) {
    sort(lengths);
    for (const Cut& c : coarse_cuts(length, cost)) {
        add_segment(c.t0, c.steps, c.batch);
    }
}

void Packing::scatter(const float* packed, float* padded, int64_t width) const {
    for (const Segment& s : segments) {
        for (int64_t t = s.t0; t < s.t0 + s.steps; ++t) {
            for (int64_t i = 0; i < s.batch && t < length[static_cast<size_t>(i)]; ++i) {
                std::memcpy(padded + (t * batch + order[static_cast<size_t>(i)]) * width,
                            packed + (s.row + (t - s.t0) * s.batch + i) * width, sizeof(float) * width);
            }
        }
    }
}

void Packing::scatter_all(const float* packed, float* padded, int64_t width) const {
    for (size_t i = 0; i < order.size(); ++i) {
        for (int64_t t = length[i]; t < steps; ++t) {
            std::fill_n(padded + (t * batch + order[i]) * width, width, 0.0f);
        }
    }
    scatter(packed, padded, width);
}

void Packing::gather(const float* padded, float* packed, int64_t width) const {
    for (const Segment& s : segments) {
        for (int64_t t = s.t0; t < s.t0 + s.steps; ++t) {
            for (int64_t i = 0; i < s.batch; ++i) {
                float* to = packed + (s.row + (t - s.t0) * s.batch + i) * width;
                if (t < length[static_cast<size_t>(i)]) {
                    std::memcpy(to, padded + (t * batch + order[static_cast<size_t>(i)]) * width, sizeof(float) * width);
                } else {
                    std::fill(to, to + width, 0.0f);
                }
            }
        }
    }
}

void Packing::reverse(const float* src, float* dst, int64_t width) const {
    for (const Segment& s : segments) {
        for (int64_t t = s.t0; t < s.t0 + s.steps; ++t) {
            for (int64_t i = 0; i < s.batch; ++i) {
                float* to = dst + (s.row + (t - s.t0) * s.batch + i) * width;
                const int64_t mirrored = length[static_cast<size_t>(i)] - 1 - t;
                if (mirrored >= 0) {
                    std::memcpy(to, src + row(mirrored, i) * width, sizeof(float) * width);
                } else {
                    std::fill(to, to + width, 0.0f);
                }
            }
        }
    }
}

void Packing::zero_padding(float* packed, int64_t width) const {
    if (!padded) {
        return;
    }
    for (const Segment& s : segments) {
        for (int64_t t = s.t0; t < s.t0 + s.steps; ++t) {
            for (int64_t i = 0; i < s.batch; ++i) {
                if (t >= length[static_cast<size_t>(i)]) {
                    float* to = packed + (s.row + (t - s.t0) * s.batch + i) * width;
                    std::fill(to, to + width, 0.0f);
                }
            }
        }
    }
}

}  // namespace rnn4j
