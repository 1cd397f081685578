// Inverted dropout whose mask is a pure function of (seed, position): backward re-derives it.
#include <cstdint>

#include "dropout_mask.hpp"
#include "op_checks.hpp"
#include "rnn4j_ops.h"

namespace rnn4j {

namespace {

constexpr uint64_t kGoldenGamma = 0x9E3779B97F4A7C15ULL;  // splitmix64's increment

/** The mask of one (probability, seed): element i is kept when the top 32 bits of its hash reach threshold. */
struct DropoutMask {
    uint64_t key;
    uint64_t threshold;  // probability · 2³²: P(keep) = 1 − threshold / 2³²
    float scale;         // 1 / (1 − probability)

    DropoutMask(double probability, int64_t seed)
        : key(mix64(static_cast<uint64_t>(seed))),
          threshold(static_cast<uint64_t>(probability * 4294967296.0)),
          scale(static_cast<float>(1.0 / (1.0 - probability))) {}

    bool kept(int64_t i) const { return (mix64(key + static_cast<uint64_t>(i) * kGoldenGamma) >> 32) >= threshold; }

    /** out [n] = in [n] · mask / (1 − probability). */
    void apply(int64_t count, const float* in, float* out) const {
        for (int64_t i = 0; i < count; ++i) {
            out[i] = kept(i) ? in[i] * scale : 0.0f;
        }
    }
};

void check_dropout(int64_t count, double probability, const void* in, const char* in_name, const void* out,
                   const char* out_name) {
    check_positive(count, "count");
    check_fraction(probability, "probability");
    check_not_null(in, in_name, shape_text("n", count));
    check_not_null(out, out_name, shape_text("n", count));
}

}  // namespace

void dropout_forward(int64_t count, double probability, int64_t seed, const float* x, float* y) {
    check_dropout(count, probability, x, "x", y, "y");
    DropoutMask(probability, seed).apply(count, x, y);
}

void dropout_backward(int64_t count, double probability, int64_t seed, const float* diff_y, float* diff_x) {
    check_dropout(count, probability, diff_y, "diff_y", diff_x, "diff_x");
    DropoutMask(probability, seed).apply(count, diff_y, diff_x);
}

}  // namespace rnn4j
