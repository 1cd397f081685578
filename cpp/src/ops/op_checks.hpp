// Argument checks shared by the ops: each names the argument, the expected and the actual value.
#ifndef RNN4J_OP_CHECKS_HPP
#define RNN4J_OP_CHECKS_HPP

#include <cstdint>
#include <string>

namespace rnn4j {

/** "<name> must be > 0, got <value>". */
void check_positive(int64_t value, const char* name);

/** rows · width after checking both are > 0 and the product fits in int64_t. */
int64_t checked_elements(int64_t rows, const char* rows_name, int64_t width, const char* width_name);

/** "<name> must not be null (<expected>)". */
void check_not_null(const void* pointer, const char* name, const std::string& expected);

/** gradient_mode must be GRADIENTS_OVERWRITE or GRADIENTS_ACCUMULATE. */
void check_gradient_mode(int gradient_mode);

/** Every id in [0, limit): "<name>[i] must be in [0, <limit_name>) = [0, limit), got v". */
void check_ids(const int64_t* ids, int64_t count, const char* name, int64_t limit, const char* limit_name);

/** Null, or rows finite weights >= 0. */
void check_mask(const float* mask, int64_t rows);

/** Sum of the mask weights (rows when mask is null), in double. */
double mask_total(const float* mask, int64_t rows);

/** "<name> must be finite, got <value>". */
void check_finite(double value, const char* name);

/** "<name> must be finite and >= 0, got <value>". */
void check_non_negative(double value, const char* name);

/** "<name> must be finite and > 0, got <value>". */
void check_positive_finite(double value, const char* name);

/** "<name> must be in [0, 1), got <value>". */
void check_fraction(double value, const char* name);

/** "[<names>] = [a, b]": a shape for messages, e.g. shape_text("M, K", 3, 4). */
std::string shape_text(const char* names, int64_t first, int64_t second);
std::string shape_text(const char* names, int64_t first);

}  // namespace rnn4j

#endif  // RNN4J_OP_CHECKS_HPP
