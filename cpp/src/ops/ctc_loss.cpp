// Connectionist temporal classification: the forward (α) and backward (β) recursions over the target with
// blanks between and around its labels, in log space and double, one sequence at a time.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "errors.hpp"
#include "op_checks.hpp"
#include "rnn4j_ops.h"

namespace rnn4j {

namespace {

constexpr double NEG_INF = -std::numeric_limits<double>::infinity();

/** log(exp(a) + exp(b)), exact when either is −inf. */
double log_add(double a, double b) {
    if (a == NEG_INF) return b;
    if (b == NEG_INF) return a;
    const double high = std::max(a, b);
    return high + std::log1p(std::exp(-std::fabs(a - b)));
}

/** Checks every argument; returns where each target starts in targets. */
std::vector<int64_t> check_inputs(int64_t steps, int64_t batch, int64_t classes, const float* logits,
                                  const int64_t* input_lengths, const int64_t* targets,
                                  const int64_t* target_lengths, int64_t blank, int infinity) {
    const int64_t rows = checked_elements(steps, "steps", batch, "batch");
    checked_elements(rows, "steps · batch", classes, "classes");
    check_not_null(logits, "logits", concat("[T, N, C] = [", steps, ", ", batch, ", ", classes, "]"));
    check_not_null(input_lengths, "input_lengths", shape_text("N", batch));
    check_not_null(target_lengths, "target_lengths", shape_text("N", batch));
    check_arg(blank >= 0 && blank < classes, "blank must be in [0, C) = [0, ", classes, "), got ", blank);
    check_arg(infinity == CTC_KEEP_INFINITY || infinity == CTC_ZERO_INFINITY,
              "infinity must be 0 (keep) or 1 (zero), got ", infinity);
    std::vector<int64_t> starts(batch);
    int64_t total = 0;
    for (int64_t n = 0; n < batch; ++n) {
        check_arg(input_lengths[n] >= 0 && input_lengths[n] <= steps, "input_lengths[", n, "] must be in [0, T] = [0, ",
                  steps, "], got ", input_lengths[n]);
        check_arg(target_lengths[n] >= 0, "target_lengths[", n, "] must be >= 0, got ", target_lengths[n]);
        starts[n] = total;
        total += target_lengths[n];
    }
    if (total > 0) {
        check_not_null(targets, "targets", concat("[sum of target_lengths] = [", total, "]"));
        check_ids(targets, total, "targets", classes, "C");
        for (int64_t i = 0; i < total; ++i) {
            check_arg(targets[i] != blank, "targets[", i, "] must not be the blank ", blank);
        }
    }
    return starts;
}

/** One sequence: its log-softmax over C for its T_n steps and its target with blanks, l' = (b, l1, b, l2, ..., b). */
struct Alignment {
    int64_t length;               // T_n
    int64_t classes;              // C
    std::vector<double> log_probs;  // [T_n, C]
    std::vector<int64_t> labels;  // l' [S = 2L + 1]

    Alignment(int64_t steps_n, int64_t batch, int64_t classes_, const float* logits, int64_t n, const int64_t* target,
              int64_t target_length, int64_t blank)
        : length(steps_n), classes(classes_), log_probs(steps_n * classes_), labels(2 * target_length + 1, blank) {
        for (int64_t t = 0; t < length; ++t) {
            const float* row = logits + (t * batch + n) * classes;  // [C]
            double high = row[0];
            for (int64_t c = 1; c < classes; ++c) high = std::max(high, static_cast<double>(row[c]));
            double sum = 0;
            for (int64_t c = 0; c < classes; ++c) sum += std::exp(row[c] - high);
            const double lse = high + std::log(sum);
            for (int64_t c = 0; c < classes; ++c) log_probs[t * classes + c] = row[c] - lse;
        }
        for (int64_t i = 0; i < target_length; ++i) labels[2 * i + 1] = target[i];
    }

    int64_t states() const { return static_cast<int64_t>(labels.size()); }

    double emit(int64_t t, int64_t s) const { return log_probs[t * classes + labels[s]]; }

    /** Whether an alignment may jump from state s − 2 to s (skipping the blank between two different labels). */
    bool can_skip(int64_t s) const { return s >= 2 && labels[s] != labels[0] && labels[s] != labels[s - 2]; }

    /** α [T_n, S]: log probability of the first t + 1 emissions ending in state s; returns log p(target). */
    double forward(std::vector<double>& alpha) const {
        const int64_t S = states();
        if (length == 0) {
            return S == 1 ? 0.0 : NEG_INF;
        }
        alpha.assign(length * S, NEG_INF);
        alpha[0] = emit(0, 0);
        if (S > 1) alpha[1] = emit(0, 1);
        for (int64_t t = 1; t < length; ++t) {
            const double* previous = alpha.data() + (t - 1) * S;  // [S]
            double* current = alpha.data() + t * S;               // [S]
            for (int64_t s = 0; s < S; ++s) {
                double sum = previous[s];
                if (s >= 1) sum = log_add(sum, previous[s - 1]);
                if (can_skip(s)) sum = log_add(sum, previous[s - 2]);
                current[s] = sum == NEG_INF ? NEG_INF : sum + emit(t, s);
            }
        }
        const double* last = alpha.data() + (length - 1) * S;
        return S > 1 ? log_add(last[S - 1], last[S - 2]) : last[0];
    }

    /** β [T_n, S]: log probability of emissions t + 1 .. T_n − 1 given state s at step t (not emission t itself). */
    void backward(std::vector<double>& beta) const {
        const int64_t S = states();
        beta.assign(length * S, NEG_INF);
        if (length == 0) {
            return;
        }
        double* last = beta.data() + (length - 1) * S;
        last[S - 1] = 0;
        if (S > 1) last[S - 2] = 0;
        for (int64_t t = length - 2; t >= 0; --t) {
            const double* next = beta.data() + (t + 1) * S;  // [S]
            double* current = beta.data() + t * S;           // [S]
            for (int64_t s = 0; s < S; ++s) {
                double sum = next[s] == NEG_INF ? NEG_INF : next[s] + emit(t + 1, s);
                if (s + 1 < S && next[s + 1] != NEG_INF) sum = log_add(sum, next[s + 1] + emit(t + 1, s + 1));
                if (s + 2 < S && can_skip(s + 2) && next[s + 2] != NEG_INF) {
                    sum = log_add(sum, next[s + 2] + emit(t + 1, s + 2));
                }
                current[s] = sum;
            }
        }
    }
};

}  // namespace

void ctc_loss_forward(int64_t steps, int64_t batch, int64_t classes, const float* logits, const int64_t* input_lengths,
                      const int64_t* targets, const int64_t* target_lengths, int64_t blank, CtcInfinity infinity,
                      double* losses) {
    const std::vector<int64_t> starts =
        check_inputs(steps, batch, classes, logits, input_lengths, targets, target_lengths, blank, infinity);
    check_not_null(losses, "losses", shape_text("N", batch));
    std::vector<double> alpha;
    for (int64_t n = 0; n < batch; ++n) {
        const Alignment alignment(input_lengths[n], batch, classes, logits, n, targets + starts[n], target_lengths[n],
                                  blank);
        const double log_p = alignment.forward(alpha);
        losses[n] = log_p == NEG_INF && infinity == CTC_ZERO_INFINITY ? 0.0 : -log_p;
    }
}

void ctc_loss_backward(int64_t steps, int64_t batch, int64_t classes, const float* logits, const int64_t* input_lengths,
                       const int64_t* targets, const int64_t* target_lengths, int64_t blank, CtcInfinity infinity,
                       const double* diff_losses, float* diff_logits) {
    const std::vector<int64_t> starts =
        check_inputs(steps, batch, classes, logits, input_lengths, targets, target_lengths, blank, infinity);
    check_not_null(diff_losses, "diff_losses", shape_text("N", batch));
    for (int64_t n = 0; n < batch; ++n) {
        check_arg(std::isfinite(diff_losses[n]), "diff_losses[", n, "] must be finite, got ", diff_losses[n]);
    }
    check_not_null(diff_logits, "diff_logits", concat("[T, N, C] = [", steps, ", ", batch, ", ", classes, "]"));
    std::fill(diff_logits, diff_logits + steps * batch * classes, 0.0f);
    std::vector<double> alpha, beta, occupancy(classes);
    for (int64_t n = 0; n < batch; ++n) {
        const Alignment alignment(input_lengths[n], batch, classes, logits, n, targets + starts[n], target_lengths[n],
                                  blank);
        const double log_p = alignment.forward(alpha);
        if (log_p == NEG_INF) {
            const float value = infinity == CTC_ZERO_INFINITY ? 0.0f : std::numeric_limits<float>::quiet_NaN();
            for (int64_t t = 0; t < alignment.length; ++t) {
                std::fill_n(diff_logits + (t * batch + n) * classes, classes, value);
            }
            continue;
        }
        alignment.backward(beta);
        const int64_t S = alignment.states();
        for (int64_t t = 0; t < alignment.length; ++t) {
            std::fill(occupancy.begin(), occupancy.end(), 0.0);  // γ[t, n, :]
            for (int64_t s = 0; s < S; ++s) {
                const double both = alpha[t * S + s] + beta[t * S + s];
                if (both != NEG_INF) occupancy[alignment.labels[s]] += std::exp(both - log_p);
            }
            float* diff_row = diff_logits + (t * batch + n) * classes;  // [C]
            for (int64_t c = 0; c < classes; ++c) {
                const double probability = std::exp(alignment.log_probs[t * classes + c]);
                diff_row[c] = static_cast<float>(diff_losses[n] * (probability - occupancy[c]));
            }
        }
    }
}

}  // namespace rnn4j
