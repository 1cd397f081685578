// The elementwise loops of a training step (optimizer updates, clipping) compiled for several x86-64
// instruction sets, the best one picked when librnn4j loads (GCC/Clang target_clones, Linux x86-64);
// elsewhere one portable build. Results do not depend on the one picked: the loops are compiled with
// -ffp-contract=off (no fused multiply-add), vector sqrt and division round as the scalar ones do, and
// reductions keep a fixed number of partial sums (sum_of_squares).
#ifndef RNN4J_VECTOR_LOOPS_HPP
#define RNN4J_VECTOR_LOOPS_HPP

#include <cstdint>

#if defined(__x86_64__) && defined(__linux__) && (defined(__GNUC__) || defined(__clang__))
#define RNN4J_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define RNN4J_VECTOR_CLONES
#endif

namespace rnn4j {

/** Σ x[k]² in double, as 8 interleaved partial sums (lane k mod 8) added in lane order, then the tail. */
double sum_of_squares(const float* x, int64_t n);

/** x[k] *= scale. */
void scale_in_place(float* x, int64_t n, float scale);

}  // namespace rnn4j

#endif  // RNN4J_VECTOR_LOOPS_HPP
