// Gradient clipping over a list of buffers: by global L2 norm, and by value.
#include <cmath>

#include "errors.hpp"
#include "op_checks.hpp"
#include "rnn4j_ops.h"
#include "vector_loops.hpp"

namespace rnn4j {

namespace {

void check_buffers(float** buffers, const int64_t* sizes, int64_t count) {
    check_positive(count, "count");
    check_not_null(buffers, "buffers", concat(count, " buffer pointers"));
    check_not_null(sizes, "sizes", concat(count, " buffer sizes"));
    for (int64_t i = 0; i < count; ++i) {
        check_arg(buffers[i] != nullptr, "buffers[", i, "] must not be null (", sizes[i], " floats)");
        check_arg(sizes[i] > 0, "sizes[", i, "] must be > 0, got ", sizes[i]);
    }
}

}  // namespace

double clip_by_global_norm(float** buffers, const int64_t* sizes, int64_t count, double max_norm) {
    check_buffers(buffers, sizes, count);
    check_positive_finite(max_norm, "max_norm");
    double squares = 0;
    for (int64_t i = 0; i < count; ++i) {
        squares += sum_of_squares(buffers[i], sizes[i]);
    }
    const double norm = std::sqrt(squares);
    if (!std::isfinite(norm) || norm <= max_norm) {
        return norm;
    }
    const float scale = static_cast<float>(max_norm / norm);
    for (int64_t i = 0; i < count; ++i) {
        scale_in_place(buffers[i], sizes[i], scale);
    }
    return norm;
}

void clip_by_value(float** buffers, const int64_t* sizes, int64_t count, double max_value) {
    check_buffers(buffers, sizes, count);
    check_positive_finite(max_value, "max_value");
    const float high = static_cast<float>(max_value), low = -high;
    for (int64_t i = 0; i < count; ++i) {
        float* buffer = buffers[i];
        for (int64_t k = 0; k < sizes[i]; ++k) {
            const float v = buffer[k];
            buffer[k] = v > high ? high : v < low ? low : v;  // NaN fails both tests and stays NaN
        }
    }
}

}  // namespace rnn4j
