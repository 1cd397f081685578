// A scalar single-layer left-to-right LSTM in oneDNN layouts, for the C++ tests only.
#ifndef RNN4J_REFERENCE_LSTM_HPP
#define RNN4J_REFERENCE_LSTM_HPP

#include <cstdint>
#include <vector>

namespace rnn4j_test {

/** x [T, N, I], h0/c0 [N, H], wx [I, 4, H], wh [H, 4, H], b [4, H] → y [T, N, H], hn/cn [N, H]. */
void reference_lstm(int64_t T, int64_t N, int64_t I, int64_t H, const std::vector<float>& x,
                    const std::vector<float>& h0, const std::vector<float>& c0, const std::vector<float>& wx,
                    const std::vector<float>& wh, const std::vector<float>& b, std::vector<float>& y,
                    std::vector<float>& hn, std::vector<float>& cn);

}  // namespace rnn4j_test

#endif
