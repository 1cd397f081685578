// Error helpers: every failure leaves the library as a C++ exception whose what() is readable in Java.
#ifndef RNN4J_ERRORS_HPP
#define RNN4J_ERRORS_HPP

#include <sstream>
#include <stdexcept>
#include <string>

namespace rnn4j {

/** A caller mistake (shape, null buffer, unsupported combination); Java maps it to IllegalArgumentException. */
class InvalidArgument : public std::invalid_argument {
public:
    explicit InvalidArgument(const std::string& message) : std::invalid_argument("invalid argument: " + message) {}
};

/** A failure inside oneDNN, carrying its status and the primitive being built or run. */
class OnednnFailure : public std::runtime_error {
public:
    explicit OnednnFailure(const std::string& message) : std::runtime_error("oneDNN failure: " + message) {}
};

template <typename... Parts>
std::string concat(const Parts&... parts) {
    std::ostringstream out;
    (out << ... << parts);
    return out.str();
}

/** Throws InvalidArgument built from the message parts when the condition is false. */
template <typename... Parts>
void check_arg(bool condition, const Parts&... parts) {
    if (!condition) {
        throw InvalidArgument(concat(parts...));
    }
}

}  // namespace rnn4j

#endif  // RNN4J_ERRORS_HPP
