#include "vector_loops.hpp"

namespace rnn4j {

RNN4J_VECTOR_CLONES
double sum_of_squares(const float* __restrict x, int64_t n) {
    constexpr int kLanes = 8;
    double lanes[kLanes] = {0, 0, 0, 0, 0, 0, 0, 0};
    int64_t k = 0;
    for (; k + kLanes <= n; k += kLanes) {
        for (int j = 0; j < kLanes; ++j) {
            const double v = x[k + j];
            lanes[j] += v * v;
        }
    }
    double sum = 0;
    for (int j = 0; j < kLanes; ++j) {
        sum += lanes[j];
    }
    for (; k < n; ++k) {
        const double v = x[k];
        sum += v * v;
    }
    return sum;
}

RNN4J_VECTOR_CLONES
void scale_in_place(float* __restrict x, int64_t n, float scale) {
    for (int64_t k = 0; k < n; ++k) {
        x[k] *= scale;
    }
}

}  // namespace rnn4j
