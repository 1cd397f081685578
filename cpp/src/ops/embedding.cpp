// Embedding lookup: gather rows of a table by id, and scatter-add their gradient back.
#include <algorithm>
#include <cstring>

#include "errors.hpp"
#include "op_checks.hpp"
#include "rnn4j_ops.h"

namespace rnn4j {

namespace {

void check_table(int64_t vocab_size, int64_t embedding_size, int64_t count) {
    checked_elements(vocab_size, "vocab_size", embedding_size, "embedding_size");
    checked_elements(count, "count", embedding_size, "embedding_size");
}

}  // namespace

void embedding_forward(int64_t vocab_size, int64_t embedding_size, int64_t count, const float* table,
                       const int64_t* ids, float* out) {
    const int64_t V = vocab_size, E = embedding_size, M = count;
    check_table(V, E, M);
    check_not_null(table, "table", shape_text("V, E", V, E));
    check_not_null(ids, "ids", shape_text("M", M));
    check_not_null(out, "out", shape_text("M, E", M, E));
    check_ids(ids, M, "ids", V, "V");
    for (int64_t m = 0; m < M; ++m) {
        std::memcpy(out + m * E, table + ids[m] * E, sizeof(float) * static_cast<size_t>(E));  // [E]
    }
}

void embedding_backward(GradientMode gradient_mode, int64_t vocab_size, int64_t embedding_size, int64_t count,
                        const int64_t* ids, const float* diff_out, int64_t padding_id, float* diff_table) {
    const int64_t V = vocab_size, E = embedding_size, M = count;
    check_gradient_mode(gradient_mode);
    check_table(V, E, M);
    check_not_null(ids, "ids", shape_text("M", M));
    check_not_null(diff_out, "diff_out", shape_text("M, E", M, E));
    check_not_null(diff_table, "diff_table", shape_text("V, E", V, E));
    check_arg(padding_id == EMBEDDING_NO_PADDING || (padding_id >= 0 && padding_id < V),
              "padding_id must be -1 (none) or in [0, V) = [0, ", V, "), got ", padding_id);
    check_ids(ids, M, "ids", V, "V");
    if (gradient_mode == GRADIENTS_OVERWRITE) {
        std::fill(diff_table, diff_table + V * E, 0.0f);
    }
    for (int64_t m = 0; m < M; ++m) {
        if (ids[m] == padding_id) {
            continue;
        }
        float* target = diff_table + ids[m] * E;  // [E]
        const float* source = diff_out + m * E;   // [E]
        for (int64_t e = 0; e < E; ++e) {
            target[e] += source[e];
        }
    }
}

}  // namespace rnn4j
