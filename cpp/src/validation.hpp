// Argument checks that run before oneDNN sees anything: each names the argument, the expected and the actual value.
#ifndef RNN4J_VALIDATION_HPP
#define RNN4J_VALIDATION_HPP

#include "rnn4j.h"

namespace rnn4j {

void validate_desc(const RnnDesc& desc);
void validate_forward(const RnnDesc& desc, int propagation, const RnnData& data);
void validate_backward(const RnnDesc& desc, int gradient_mode, const RnnData& data);
void validate_final_states(int final_states);
void validate_lengths(const int32_t* lengths, int64_t steps, int64_t batch);
void check_workspace(const RnnData& data, long long required_bytes);

}  // namespace rnn4j

#endif  // RNN4J_VALIDATION_HPP
