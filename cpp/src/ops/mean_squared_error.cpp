// Mean squared error with a row mask.
#include <algorithm>

#include "op_checks.hpp"
#include "rnn4j_ops.h"

namespace rnn4j {

namespace {

void check_inputs(int64_t rows, int64_t features, const float* prediction, const float* target, const float* mask) {
    checked_elements(rows, "rows", features, "features");
    check_not_null(prediction, "prediction", shape_text("M, F", rows, features));
    check_not_null(target, "target", shape_text("M, F", rows, features));
    check_mask(mask, rows);
}

/** F · max(sum of the mask, 1): the number of counted elements. */
double normaliser(int64_t rows, int64_t features, const float* mask) {
    return static_cast<double>(features) * std::max(mask_total(mask, rows), 1.0);
}

}  // namespace

double mean_squared_error_forward(int64_t rows, int64_t features, const float* prediction, const float* target,
                                  const float* mask) {
    check_inputs(rows, features, prediction, target, mask);
    double total = 0;
    for (int64_t m = 0; m < rows; ++m) {
        const double weight = mask ? mask[m] : 1.0;
        if (weight == 0) {
            continue;
        }
        double row_total = 0;
        for (int64_t f = m * features; f < (m + 1) * features; ++f) {
            const double error = static_cast<double>(prediction[f]) - target[f];
            row_total += error * error;
        }
        total += weight * row_total;
    }
    return total / normaliser(rows, features, mask);
}

void mean_squared_error_backward(int64_t rows, int64_t features, const float* prediction, const float* target,
                                 const float* mask, double diff_loss, float* diff_prediction) {
    check_inputs(rows, features, prediction, target, mask);
    check_finite(diff_loss, "diff_loss");
    check_not_null(diff_prediction, "diff_prediction", shape_text("M, F", rows, features));
    const double scale = 2.0 * diff_loss / normaliser(rows, features, mask);
    for (int64_t m = 0; m < rows; ++m) {
        const double weight = mask ? mask[m] : 1.0;
        for (int64_t f = m * features; f < (m + 1) * features; ++f) {
            const double error = static_cast<double>(prediction[f]) - target[f];
            diff_prediction[f] = weight == 0 ? 0.0f : static_cast<float>(scale * weight * error);
        }
    }
}

}  // namespace rnn4j
