// Inverted dropout with the mask of dropout_mask.hpp, a pure function of (seed, position): backward re-derives it.
#include <cstdint>

#include "dropout_mask.hpp"
#include "op_checks.hpp"
#include "rnn4j_ops.h"

namespace rnn4j {

namespace {

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
