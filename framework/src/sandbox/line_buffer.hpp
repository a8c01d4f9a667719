#pragma once
// Splits bytes read from a pipe into lines. A line longer than the limit is
// dropped (a child cannot make its parent hold unbounded memory).
#include <cstddef>
#include <string>
#include <string_view>

namespace reelflow::framework::sandbox {

class LineBuffer {
 public:
  explicit LineBuffer(std::size_t max_line) : max_line_(max_line) {}

  // Appends `bytes`; calls on_line(std::string_view) for each complete line, without its '\n'.
  template <class OnLine> void append(std::string_view bytes, OnLine&& on_line) {
    while (!bytes.empty()) {
      const auto eol = bytes.find('\n');
      const std::string_view part = bytes.substr(0, eol);
      if (!overlong_ && pending_.size() + part.size() <= max_line_) pending_.append(part);
      else overlong_ = true;
      if (eol == std::string_view::npos) return;
      if (!overlong_) on_line(std::string_view(pending_));
      else ++dropped_;
      pending_.clear();
      overlong_ = false;
      bytes.remove_prefix(eol + 1);
    }
  }
  std::size_t dropped() const { return dropped_; }

 private:
  std::size_t max_line_;
  std::string pending_;
  bool overlong_ = false;
  std::size_t dropped_ = 0;
};

}  // namespace reelflow::framework::sandbox
