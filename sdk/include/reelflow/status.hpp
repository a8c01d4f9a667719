#pragma once
// The result of a stage's work. Stages return a Status rather than throwing
// across the plugin boundary (the runtime still catches std::exception).
#include <string>
#include <utility>

namespace reelflow {

class Status {
 public:
  static Status ok() { return Status(); }
  static Status error(std::string message) { return Status(std::move(message)); }

  bool is_ok() const { return !failed_; }
  explicit operator bool() const { return !failed_; }
  const std::string& message() const { return message_; }

 private:
  Status() = default;
  explicit Status(std::string message) : failed_(true), message_(std::move(message)) {}

  bool failed_ = false;
  std::string message_;
};

}  // namespace reelflow
