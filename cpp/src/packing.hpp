// Packed-sequence bookkeeping: sequences sorted by length (longest first) and cut into time segments
// in which the active sequences are a prefix of the sorted batch (PyTorch's PackedSequence layout).
// Exact cuts end a segment at every distinct length (each segment spanning a power-of-two number of
// steps); coarse cuts (segment_cuts.hpp) are few, and a segment then also holds the padded steps of
// the sequences that end inside it (zeros on input).
#ifndef RNN4J_PACKING_HPP
#define RNN4J_PACKING_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

#include "segment_cuts.hpp"

namespace rnn4j {

struct Packing {
    /** Time steps [t0, t0 + steps) during which the first `batch` sorted sequences are active. */
    struct Segment {
        int64_t t0, steps, batch, row;  // row: first packed row of the segment
    };

    /** Exact cuts: every row of every segment is a real step. */
    Packing(const int32_t* lengths, int64_t steps, int64_t batch);
    /** Coarse cuts chosen by `cost`: segments hold padded rows (t >= length[i]) too. */
    Packing(const int32_t* lengths, int64_t steps, int64_t batch, const SegmentCost& cost);

    std::vector<int64_t> order;    // order[i] = original index of the i-th longest sequence
    std::vector<int64_t> length;   // length[i] = its length
    std::vector<Segment> segments;
    int64_t rows = 0;              // sum of the lengths: packed rows
    int64_t steps, batch;
    bool padded = false;           // coarse cuts: rows with t >= length[i] exist (and hold no real step)

    /** Packed row of (time t, sorted sequence i); requires i < the batch of t's segment. */
    int64_t row(int64_t t, int64_t i) const {
        const Segment& s = segments[static_cast<size_t>(segment_of_time_[static_cast<size_t>(t)])];
        return s.row + (t - s.t0) * s.batch + i;
    }

    /** Rows i >= this of segment k do not continue into segment k + 1 (exact cuts: they end with it). */
    int64_t batch_after(size_t k) const { return k + 1 < segments.size() ? segments[k + 1].batch : 0; }

    /** dst[t, order[i], :] = src[row(t, i), :] for valid steps; padded steps of dst untouched. */
    void scatter(const float* packed, float* padded, int64_t width) const;
    /** scatter, and 0 at every padded step of dst: writes all of padded [T, N, width]. */
    void scatter_all(const float* packed, float* padded, int64_t width) const;
    /** packed[row(t, i), :] = padded[t, order[i], :] for valid steps, 0 on padded rows. */
    void gather(const float* padded, float* packed, int64_t width) const;
    /** dst[row(t, i)] = src[row(length[i] - 1 - t, i)]: each sequence reversed within its length; padded rows 0. */
    void reverse(const float* src, float* dst, int64_t width) const;
    /** Sets the padded rows of packed [rows, width] to 0. */
    void zero_padding(float* packed, int64_t width) const;

private:
    void sort(const int32_t* lengths);
    void add_segment(int64_t t0, int64_t steps_here, int64_t active);

    std::vector<int64_t> segment_of_time_;
};

}  // namespace rnn4j

#endif  // RNN4J_PACKING_HPP
