#pragma once
// The `pattern:` of a graph variable: a regular expression from a small subset
// (literals, escapes, [classes], ., groups, |, ?, *, +, {n,m}), always matched
// against the whole value. It is compiled to a Thompson NFA, so matching takes
// time linear in the value whatever the pattern (an uploaded graph cannot hang
// the server with a backtracking bomb), and it can be analysed: which bytes a
// match can contain, whether one can contain "..", start with '-', ... That is
// how the validator proves a variable harmless for a trusted parameter.
#include <bitset>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace reelflow::framework {

using ByteSet = std::bitset<256>;

// The bytes of `chars`, e.g. byte_set("abc"); ranges written out by the caller.
ByteSet byte_set(std::string_view chars);
ByteSet byte_range(unsigned char first, unsigned char last);

class SafePattern {
 public:
  static constexpr std::size_t kMaxPatternLength = 1024;
  static constexpr std::size_t kMaxStates = 4096;  // after {n,m} is expanded
  static constexpr int kMaxRepeat = 1000;

  // The compiled pattern, or why it cannot be compiled (outside the subset, too large).
  static std::variant<SafePattern, std::string> compile(std::string_view pattern);

  // Whether the whole of `text` matches.
  bool matches(std::string_view text) const;

  // Every byte that some whole match can contain.
  ByteSet alphabet() const;
  // Whether some whole match contains `needle` (e.g. "..").
  bool can_contain(std::string_view needle) const;
  // Whether some whole match starts with one of `first`.
  bool can_start_with(const ByteSet& first) const;
  // Whether the empty value matches.
  bool can_match_empty() const;
  // Whether some non-empty whole match consists of `only` bytes (e.g. digits only).
  bool can_match_only(const ByteSet& only) const;

  const std::string& source() const { return source_; }

 private:
  struct State {
    enum class Kind { Byte, Split, Match } kind = Kind::Split;
    ByteSet bytes;   // Byte: the bytes it consumes
    int next = -1;   // Byte and Split
    int next2 = -1;  // Split only; -1: none
  };

  std::vector<int> closure(const std::vector<int>& from) const;
  // States from which the match state can be reached.
  std::vector<bool> live_states() const;

  std::string source_;
  std::vector<State> states_;
  int start_ = 0;
  friend class SafePatternCompiler;
};

}  // namespace reelflow::framework
