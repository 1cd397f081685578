#include "op_checks.hpp"

#include <cmath>
#include <limits>

#include "errors.hpp"
#include "rnn4j.h"

namespace rnn4j {

void check_positive(int64_t value, const char* name) {
    check_arg(value > 0, name, " must be > 0, got ", value);
}

int64_t checked_elements(int64_t rows, const char* rows_name, int64_t width, const char* width_name) {
    check_positive(rows, rows_name);
    check_positive(width, width_name);
    check_arg(rows <= std::numeric_limits<int64_t>::max() / width, rows_name, " · ", width_name,
              " must fit in int64, got ", rows, " · ", width);
    return rows * width;
}

void check_not_null(const void* pointer, const char* name, const std::string& expected) {
    check_arg(pointer != nullptr, name, " must not be null (", expected, ")");
}

void check_gradient_mode(int gradient_mode) {
    check_arg(gradient_mode == GRADIENTS_OVERWRITE || gradient_mode == GRADIENTS_ACCUMULATE,
              "gradient_mode must be 0 (overwrite) or 1 (accumulate), got ", gradient_mode);
}

void check_ids(const int64_t* ids, int64_t count, const char* name, int64_t limit, const char* limit_name) {
    for (int64_t i = 0; i < count; ++i) {
        check_arg(ids[i] >= 0 && ids[i] < limit, name, "[", i, "] must be in [0, ", limit_name, ") = [0, ", limit,
                  "), got ", ids[i]);
    }
}

void check_mask(const float* mask, int64_t rows) {
    if (mask == nullptr) {
        return;
    }
    for (int64_t m = 0; m < rows; ++m) {
        check_arg(std::isfinite(mask[m]) && mask[m] >= 0, "mask[", m, "] must be finite and >= 0, got ", mask[m]);
    }
}

double mask_total(const float* mask, int64_t rows) {
    if (mask == nullptr) {
        return static_cast<double>(rows);
    }
    double total = 0;
    for (int64_t m = 0; m < rows; ++m) {
        total += mask[m];
    }
    return total;
}

void check_finite(double value, const char* name) {
    check_arg(std::isfinite(value), name, " must be finite, got ", value);
}

void check_non_negative(double value, const char* name) {
    check_arg(std::isfinite(value) && value >= 0, name, " must be finite and >= 0, got ", value);
}

void check_positive_finite(double value, const char* name) {
    check_arg(std::isfinite(value) && value > 0, name, " must be finite and > 0, got ", value);
}

void check_fraction(double value, const char* name) {
    check_arg(value >= 0 && value < 1, name, " must be in [0, 1), got ", value);
}

std::string shape_text(const char* names, int64_t first, int64_t second) {
    return concat("[", names, "] = [", first, ", ", second, "]");
}

std::string shape_text(const char* names, int64_t first) {
    return concat("[", names, "] = [", first, "]");
}

}  // namespace rnn4j
