// What the CPU (as oneDNN sees it) can run: the checks behind PRECISION_BF16.
#ifndef RNN4J_CPU_FEATURES_HPP
#define RNN4J_CPU_FEATURES_HPP

namespace rnn4j {

/** Throws InvalidArgument naming the missing CPU feature unless bf16 kernels can run here; `what` names the kernel. */
void require_bf16(const char* what);

}  // namespace rnn4j

#endif  // RNN4J_CPU_FEATURES_HPP
