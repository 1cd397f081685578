// C++ tests of the ops in rnn4j_ops.h, one CTest test per function (the thorough checks live in the Java tests).
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "rnn4j_ops.h"
#include "test_support.hpp"

namespace {

using namespace rnn4j_test;

void expect_near(double actual, double expected, double tolerance, const std::string& what) {
    expect(std::fabs(actual - expected) <= tolerance,
           what + ": expected " + std::to_string(expected) + ", got " + std::to_string(actual));
}

void expect_invalid(const std::function<void()>& call, const std::string& message) {
    try {
        call();
        expect(false, "expected std::invalid_argument '" + message + "'");
    } catch (const std::invalid_argument& e) {
        expect(std::string(e.what()) == "invalid argument: " + message,
               "message '" + std::string(e.what()) + "' is 'invalid argument: " + message + "'");
    }
}

void cross_entropy_matches_hand_value() {
    const std::vector<float> logits = {1, 2, 3,   // [M = 2, C = 3]
                                       0, 0, 0};
    const std::vector<int64_t> targets = {2, 1};
    // Row 0: log(e + e² + e³) − 3 = 0.40760596444; row 1: log 3 = 1.09861228867.
    const double row0 = 0.40760596444, row1 = 1.09861228867;
    const double both = rnn4j::softmax_cross_entropy_forward(2, 3, logits.data(), targets.data(), nullptr);
    expect_near(both, (row0 + row1) / 2, 1e-9, "cross-entropy without mask");
    const std::vector<float> first_only = {1, 0};
    const double masked = rnn4j::softmax_cross_entropy_forward(2, 3, logits.data(), targets.data(), first_only.data());
    expect_near(masked, row0, 1e-9, "cross-entropy with the second row masked");

    // Gradient of the masked loss, upstream gradient 2: 2 · (softmax(1, 2, 3) − e₂), and zeros for row 1.
    std::vector<float> diff(6, 7.0f);
    rnn4j::softmax_cross_entropy_backward(2, 3, logits.data(), targets.data(), first_only.data(), 2.0, diff.data());
    const double expected[] = {2 * 0.09003057317, 2 * 0.24472847105, 2 * (0.66524095577 - 1), 0, 0, 0};
    for (int i = 0; i < 6; ++i) {
        expect_near(diff[i], expected[i], 1e-6, "cross-entropy gradient [" + std::to_string(i) + "]");
    }

    // Large logits stay finite: log-sum-exp subtracts the row maximum.
    const std::vector<float> large = {1000, 0, -1000};
    const std::vector<int64_t> first = {0};
    expect_near(rnn4j::softmax_cross_entropy_forward(1, 3, large.data(), first.data(), nullptr), 0.0, 1e-12,
                "cross-entropy of a confident large logit");
}

void linear_matches_naive_product() {
    const int64_t M = 5, K = 3, O = 4;
    auto x = random_vector(M * K, 1, 1.0f), w = random_vector(O * K, 2, 1.0f), b = random_vector(O, 3, 1.0f);
    auto dy = random_vector(M * O, 4, 1.0f);
    rnn4j::LinearKernel kernel(K, O);
    std::vector<float> y(M * O);
    kernel.forward(M, x.data(), w.data(), b.data(), y.data());
    kernel.forward(M, x.data(), w.data(), b.data(), y.data());
    expect(kernel.cached_primitives() == 1, "the forward primitive is built once per shape");
    for (int64_t m = 0; m < M; ++m) {
        for (int64_t o = 0; o < O; ++o) {
            double sum = b[o];
            for (int64_t k = 0; k < K; ++k) sum += double(x[m * K + k]) * w[o * K + k];
            expect_near(y[m * O + o], sum, 1e-5, "y[" + std::to_string(m) + ", " + std::to_string(o) + "]");
        }
    }
    std::vector<float> dx(M * K), dw(O * K, 9.0f), db(O, 9.0f);  // dw [O, K]
    kernel.backward(rnn4j::GRADIENTS_OVERWRITE, M, x.data(), w.data(), dy.data(), dx.data(), dw.data(), db.data());
    for (int64_t k = 0; k < K; ++k) {
        for (int64_t o = 0; o < O; ++o) {
            double sum = 0;
            for (int64_t m = 0; m < M; ++m) sum += double(x[m * K + k]) * dy[m * O + o];
            expect_near(dw[o * K + k], sum, 1e-5, "dW[" + std::to_string(o) + ", " + std::to_string(k) + "]");
        }
    }
    for (int64_t m = 0; m < M; ++m) {
        for (int64_t k = 0; k < K; ++k) {
            double sum = 0;
            for (int64_t o = 0; o < O; ++o) sum += double(dy[m * O + o]) * w[o * K + k];
            expect_near(dx[m * K + k], sum, 1e-5, "dx[" + std::to_string(m) + ", " + std::to_string(k) + "]");
        }
    }
    const std::vector<float> first_dw = dw, first_db = db;
    kernel.backward(rnn4j::GRADIENTS_ACCUMULATE, M, x.data(), w.data(), dy.data(), nullptr, dw.data(), db.data());
    for (int64_t i = 0; i < K * O; ++i) expect_near(dw[i], 2 * first_dw[i], 1e-5, "accumulated dW");
    for (int64_t o = 0; o < O; ++o) expect_near(db[o], 2 * first_db[o], 1e-5, "accumulated db");
}

void ops_reject_bad_arguments() {
    expect_invalid([] { rnn4j::LinearKernel k(0, 3); }, "in_features must be > 0, got 0");
    const std::vector<float> table(4 * 2), grads(3);
    std::vector<float> out(3 * 2), params(3), moments(3);
    const std::vector<int64_t> ids = {0, 4, 1};
    expect_invalid([&] { rnn4j::embedding_forward(4, 2, 3, table.data(), ids.data(), out.data()); },
                   "ids[1] must be in [0, V) = [0, 4), got 4");
    expect_invalid([&] { rnn4j::embedding_forward(4, 2, 3, nullptr, ids.data(), out.data()); },
                   "table must not be null ([V, E] = [4, 2])");
    expect_invalid([&] { rnn4j::softmax_cross_entropy_forward(3, 2, out.data(), ids.data(), nullptr); },
                   "targets[1] must be in [0, C) = [0, 2), got 4");
    expect_invalid([&] { rnn4j::dropout_forward(3, 1.0, 7, grads.data(), out.data()); },
                   "probability must be in [0, 1), got 1");
    rnn4j::AdamOptions adam;
    adam.beta1 = 1.0;
    expect_invalid([&] { rnn4j::adam_step(adam, 1, 3, params.data(), grads.data(), moments.data(), moments.data()); },
                   "AdamOptions.beta1 must be in [0, 1), got 1");
    rnn4j::SgdOptions sgd;
    sgd.momentum = 0.5;
    sgd.momentum_kind = static_cast<rnn4j::MomentumKind>(7);  // a C caller can still cast any int to the enum
    expect_invalid([&] { rnn4j::sgd_step(sgd, 3, params.data(), grads.data(), moments.data()); },
                   "SgdOptions.momentum_kind must be 0 (classic) or 1 (Nesterov), got 7");
    float* buffers[] = {params.data()};
    const int64_t sizes[] = {0};
    expect_invalid([&] { rnn4j::clip_by_global_norm(buffers, sizes, 1, 1.0); }, "sizes[0] must be > 0, got 0");
}

void ctc_matches_hand_value() {
    // T = 2, N = 1, C = 2 (blank 0, label 1), target (1): the alignments 11, 10, 01.
    const std::vector<float> logits = {0.5f, -0.2f,   // t = 0: [C]
                                       0.1f, 0.7f};   // t = 1
    const std::vector<int64_t> input_lengths = {2}, targets = {1}, target_lengths = {1};
    auto softmax = [&](int t, int c) {  // in double, as the kernel computes
        const double e0 = std::exp(static_cast<double>(logits[t * 2]));
        const double e1 = std::exp(static_cast<double>(logits[t * 2 + 1]));
        return (c == 0 ? e0 : e1) / (e0 + e1);
    };
    const double p = softmax(0, 1) * softmax(1, 1) + softmax(0, 1) * softmax(1, 0) + softmax(0, 0) * softmax(1, 1);
    double loss = 0;
    rnn4j::ctc_loss_forward(2, 1, 2, logits.data(), input_lengths.data(), targets.data(), target_lengths.data(), 0,
                            rnn4j::CTC_KEEP_INFINITY, &loss);
    expect_near(loss, -std::log(p), 1e-9, "CTC loss of target (1) over two steps");

    // Target (1, 1) needs three steps (1, blank, 1): impossible in two.
    const std::vector<int64_t> repeated = {1, 1}, two = {2};
    rnn4j::ctc_loss_forward(2, 1, 2, logits.data(), input_lengths.data(), repeated.data(), two.data(), 0,
                            rnn4j::CTC_KEEP_INFINITY, &loss);
    expect(std::isinf(loss) && loss > 0, "an impossible target has loss +inf");
    rnn4j::ctc_loss_forward(2, 1, 2, logits.data(), input_lengths.data(), repeated.data(), two.data(), 0,
                            rnn4j::CTC_ZERO_INFINITY, &loss);
    expect(loss == 0, "an impossible target has loss 0 under CTC_ZERO_INFINITY");
    std::vector<float> diff(4, 7.0f);
    const double one = 1.0;
    rnn4j::ctc_loss_backward(2, 1, 2, logits.data(), input_lengths.data(), repeated.data(), two.data(), 0,
                             rnn4j::CTC_ZERO_INFINITY, &one, diff.data());
    for (float d : diff) expect(d == 0.0f, "an impossible target has zero gradient under CTC_ZERO_INFINITY");
    expect_invalid([&] { rnn4j::ctc_loss_forward(2, 1, 2, logits.data(), input_lengths.data(), input_lengths.data(),
                                                 target_lengths.data(), 0, rnn4j::CTC_KEEP_INFINITY, &loss); },
                   "targets[0] must be in [0, C) = [0, 2), got 2");
}

}  // namespace

int main(int argc, char** argv) {
    return rnn4j_test::run_tests(argc, argv, {
        {"cross_entropy_matches_hand_value", cross_entropy_matches_hand_value},
        {"ctc_matches_hand_value", ctc_matches_hand_value},
        {"linear_matches_naive_product", linear_matches_naive_product},
        {"ops_reject_bad_arguments", ops_reject_bad_arguments},
    });
}
