// Softmax cross-entropy over classes with a row mask, stable through max subtraction in double.
#include <algorithm>
#include <cmath>
#include <vector>

#include "op_checks.hpp"
#include "rnn4j_ops.h"

namespace rnn4j {

namespace {

void check_inputs(int64_t rows, int64_t classes, const float* logits, const int64_t* targets, const float* mask) {
    checked_elements(rows, "rows", classes, "classes");
    check_not_null(logits, "logits", shape_text("M, C", rows, classes));
    check_not_null(targets, "targets", shape_text("M", rows));
    check_ids(targets, rows, "targets", classes, "C");
    check_mask(mask, rows);
}

/** log sum_c exp(row[c]), computed as max + log sum_c exp(row[c] − max) in double. */
double log_sum_exp(const float* row, int64_t classes) {
    double max = row[0];
    for (int64_t c = 1; c < classes; ++c) {
        max = std::max(max, static_cast<double>(row[c]));
    }
    double sum = 0;
    for (int64_t c = 0; c < classes; ++c) {
        sum += std::exp(row[c] - max);
    }
    return max + std::log(sum);
}

}  // namespace

double softmax_cross_entropy_forward(int64_t rows, int64_t classes, const float* logits, const int64_t* targets,
                                     const float* mask) {
    check_inputs(rows, classes, logits, targets, mask);
    double total = 0;
    for (int64_t m = 0; m < rows; ++m) {
        const double weight = mask ? mask[m] : 1.0;
        if (weight == 0) {
            continue;
        }
        const float* row = logits + m * classes;  // [C]
        total += weight * (log_sum_exp(row, classes) - row[targets[m]]);
    }
    return total / std::max(mask_total(mask, rows), 1.0);
}

void softmax_cross_entropy_backward(int64_t rows, int64_t classes, const float* logits, const int64_t* targets,
                                    const float* mask, double diff_loss, float* diff_logits) {
    check_inputs(rows, classes, logits, targets, mask);
    check_finite(diff_loss, "diff_loss");
    check_not_null(diff_logits, "diff_logits", shape_text("M, C", rows, classes));
    const double normaliser = std::max(mask_total(mask, rows), 1.0);
    std::vector<double> exps(static_cast<size_t>(classes));  // [C], one row's exp(row − max)
    for (int64_t m = 0; m < rows; ++m) {
        const double weight = mask ? mask[m] : 1.0;
        const float* row = logits + m * classes;  // [C]
        float* diff_row = diff_logits + m * classes;  // [C]
        if (weight == 0) {
            std::fill(diff_row, diff_row + classes, 0.0f);
            continue;
        }
        const double scale = diff_loss * weight / normaliser;
        // softmax = exp(row − max) / Σ exp(row − max): one exp per class (the exps are kept, not recomputed).
        double max = row[0];
        for (int64_t c = 1; c < classes; ++c) {
            max = std::max(max, static_cast<double>(row[c]));
        }
        double sum = 0;
        for (int64_t c = 0; c < classes; ++c) {
            const double e = std::exp(row[c] - max);
            exps[static_cast<size_t>(c)] = e;
            sum += e;
        }
        const double inv_sum = 1.0 / sum;
        for (int64_t c = 0; c < classes; ++c) {
            const double softmax = exps[static_cast<size_t>(c)] * inv_sum;
            diff_row[c] = static_cast<float>(scale * (c == targets[m] ? softmax - 1.0 : softmax));
        }
    }
}

}  // namespace rnn4j
