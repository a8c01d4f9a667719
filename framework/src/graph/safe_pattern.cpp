#include "graph/safe_pattern.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <optional>
#include <stdexcept>

namespace reelflow::framework {

ByteSet byte_set(std::string_view chars) {
  ByteSet set;
  for (unsigned char c : chars) set.set(c);
  return set;
}

ByteSet byte_range(unsigned char first, unsigned char last) {
  ByteSet set;
  for (unsigned c = first; c <= last; ++c) set.set(c);
  return set;
}

namespace {

const ByteSet kDigits = byte_range('0', '9');
const ByteSet kWord = byte_range('a', 'z') | byte_range('A', 'Z') | kDigits | byte_set("_");
const ByteSet kSpace = byte_set(" \t\n\r\f\v");

// The parsed pattern. Counted repeats are kept as counts until the NFA is built.
struct Node {
  enum class Kind { Bytes, Concat, Alternation, Repeat } kind = Kind::Concat;
  ByteSet bytes;
  std::vector<Node> children;
  int min = 0;
  int max = 0;  // -1: unbounded
};

class PatternParser {
 public:
  explicit PatternParser(std::string_view text) : text_(text) {}

  Node parse() {
    if (!text_.empty() && text_.front() == '^') pos_ = 1;  // patterns always match the whole value
    if (text_.size() > pos_ && text_.back() == '$' && !escaped_at(text_.size() - 1)) end_ = text_.size() - 1;
    Node node = alternation();
    if (pos_ < end_) fail("unexpected '" + std::string(1, text_[pos_]) + "'");
    return node;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::invalid_argument(why + " at position " + std::to_string(pos_ + 1));
  }
  bool escaped_at(std::size_t i) const {
    std::size_t backslashes = 0;
    while (i > backslashes && text_[i - backslashes - 1] == '\\') ++backslashes;
    return backslashes % 2 == 1;
  }
  bool at_end() const { return pos_ >= end_; }
  char peek() const { return text_[pos_]; }

  Node alternation() {
    Node alt{Node::Kind::Alternation, {}, {}, 0, 0};
    alt.children.push_back(concatenation());
    while (!at_end() && peek() == '|') {
      ++pos_;
      alt.children.push_back(concatenation());
    }
    if (alt.children.size() == 1) return std::move(alt.children.front());
    return alt;
  }

  Node concatenation() {
    Node concat{Node::Kind::Concat, {}, {}, 0, 0};
    while (!at_end() && peek() != '|' && peek() != ')') concat.children.push_back(repetition());
    return concat;
  }

  Node repetition() {
    Node atom_node = atom();
    while (!at_end()) {
      int min = 0, max = 0;
      const char c = peek();
      if (c == '?') min = 0, max = 1;
      else if (c == '*') min = 0, max = -1;
      else if (c == '+') min = 1, max = -1;
      else if (c == '{') {
        ++pos_;
        min = number();
        max = min;
        if (!at_end() && peek() == ',') {
          ++pos_;
          max = (!at_end() && peek() == '}') ? -1 : number();
        }
        if (at_end() || peek() != '}') fail("'{' without its '}'");
        if (max != -1 && max < min) fail("{n,m} with m < n");
      } else break;
      ++pos_;
      if (!at_end() && peek() == '?') ++pos_;  // lazy: the same language
      Node repeat{Node::Kind::Repeat, {}, {}, min, max};
      repeat.children.push_back(std::move(atom_node));
      atom_node = std::move(repeat);
    }
    return atom_node;
  }

  int number() {
    const std::size_t start = pos_;
    int value = 0;
    while (!at_end() && peek() >= '0' && peek() <= '9') {
      value = value * 10 + (peek() - '0');
      if (value > SafePattern::kMaxRepeat)
        fail("a repeat count above " + std::to_string(SafePattern::kMaxRepeat));
      ++pos_;
    }
    if (pos_ == start) fail("a number expected in {n,m}");
    return value;
  }

  Node bytes(ByteSet set) { return Node{Node::Kind::Bytes, set, {}, 0, 0}; }

  Node atom() {
    const char c = peek();
    switch (c) {
      case '(': {
        ++pos_;
        if (text_.substr(pos_, 2) == "?:") pos_ += 2;
        else if (!at_end() && peek() == '?') fail("only (?: ) groups are supported");
        Node inner = alternation();
        if (at_end() || peek() != ')') fail("'(' without its ')'");
        ++pos_;
        return inner;
      }
      case '[': return bytes(bracket());
      case '.': ++pos_; return bytes(~byte_set("\n"));
      case '\\': return bytes(escape());
      case '*': case '+': case '?': case '{': fail("nothing to repeat before '" + std::string(1, c) + "'");
      case '^': case '$': fail("'^' and '$' only at the ends (a pattern always matches the whole value)");
      default: ++pos_; return bytes(byte_set(std::string_view(&c, 1)));
    }
  }

  // After a backslash: a class (\d \w \s and their negations) or a literal punctuation byte.
  ByteSet escape() {
    ++pos_;
    if (at_end()) fail("a pattern cannot end in '\\'");
    const char c = peek();
    ++pos_;
    switch (c) {
      case 'd': return kDigits;
      case 'D': return ~kDigits;
      case 'w': return kWord;
      case 'W': return ~kWord;
      case 's': return kSpace;
      case 'S': return ~kSpace;
      case 'n': return byte_set("\n");
      case 't': return byte_set("\t");
      default: break;
    }
    const bool letter_or_digit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (letter_or_digit) {
      --pos_;
      fail("unsupported escape '\\" + std::string(1, c) + "'");
    }
    return byte_set(std::string_view(&c, 1));
  }

  ByteSet bracket() {
    ++pos_;  // '['
    bool negate = false;
    if (!at_end() && peek() == '^') {
      negate = true;
      ++pos_;
    }
    ByteSet set;
    bool first = true;
    while (true) {
      if (at_end()) fail("'[' without its ']'");
      if (peek() == ']' && !first) break;
      first = false;
      if (peek() == '\\') {
        const auto escaped_char = static_cast<unsigned char>(pos_ + 1 < end_ ? text_[pos_ + 1] : 0);
        const ByteSet escaped = escape();
        if (std::isalnum(escaped_char)) set |= escaped;  // \d, \w, \s, \n, ...
        else range_from(escaped_char, set);             // an escaped punctuation byte, maybe a range start
        continue;
      }
      const auto lo = static_cast<unsigned char>(peek());
      ++pos_;
      range_from(lo, set);
    }
    ++pos_;  // ']'
    return negate ? ~set : set;
  }

  // `lo` was just read inside a bracket: a range lo-hi, or lo alone.
  void range_from(unsigned char lo, ByteSet& set) {
    if (pos_ + 1 < end_ && peek() == '-' && text_[pos_ + 1] != ']') {
      ++pos_;
      unsigned char hi = static_cast<unsigned char>(peek());
      if (hi == '\\') {
        const ByteSet escaped = escape();
        if (escaped.count() != 1 || std::isalnum(static_cast<unsigned char>(text_[pos_ - 1])))
          fail("a range cannot end in a class");
        hi = static_cast<unsigned char>(text_[pos_ - 1]);
      } else {
        ++pos_;
      }
      if (hi < lo) fail("range out of order");
      set |= byte_range(lo, hi);
      return;
    }
    set.set(lo);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t end_ = text_.size();
};

}  // namespace

// Builds the NFA (Thompson's construction) from the parsed pattern.
class SafePatternCompiler {
 public:
  explicit SafePatternCompiler(SafePattern& pattern) : states_(pattern.states_) {}

  struct Fragment {
    int start;
    std::vector<std::pair<int, int>> outs;  // (state, 1 = next, 2 = next2) left to patch
  };

  Fragment build(const Node& node) {
    switch (node.kind) {
      case Node::Kind::Bytes: {
        const int s = add(SafePattern::State::Kind::Byte);
        states_[s].bytes = node.bytes;
        return {s, {{s, 1}}};
      }
      case Node::Kind::Concat: {
        if (node.children.empty()) return epsilon();
        Fragment f = build(node.children.front());
        for (std::size_t i = 1; i < node.children.size(); ++i) f = concat(std::move(f), build(node.children[i]));
        return f;
      }
      case Node::Kind::Alternation: {
        Fragment f = build(node.children.front());
        for (std::size_t i = 1; i < node.children.size(); ++i) {
          Fragment g = build(node.children[i]);
          const int split = add(SafePattern::State::Kind::Split);
          states_[split].next = f.start;
          states_[split].next2 = g.start;
          f.start = split;
          f.outs.insert(f.outs.end(), g.outs.begin(), g.outs.end());
        }
        return f;
      }
      case Node::Kind::Repeat: return repeat(node.children.front(), node.min, node.max);
    }
    return epsilon();
  }

  void patch(const std::vector<std::pair<int, int>>& outs, int target) {
    for (auto [s, slot] : outs) (slot == 1 ? states_[s].next : states_[s].next2) = target;
  }

  int add(SafePattern::State::Kind kind) {
    if (states_.size() >= SafePattern::kMaxStates)
      throw std::invalid_argument("the pattern is too large once its repeats are written out (more than " +
                                  std::to_string(SafePattern::kMaxStates) + " states)");
    states_.push_back({});
    states_.back().kind = kind;
    return static_cast<int>(states_.size() - 1);
  }

 private:
  Fragment epsilon() {
    const int s = add(SafePattern::State::Kind::Split);
    return {s, {{s, 1}}};
  }

  Fragment concat(Fragment a, Fragment b) {
    patch(a.outs, b.start);
    return {a.start, std::move(b.outs)};
  }

  // x{min,max}: min copies, then either a loop (max unbounded) or max-min optional copies.
  Fragment repeat(const Node& child, int min, int max) {
    Fragment f = epsilon();
    for (int i = 0; i < min; ++i) f = concat(std::move(f), build(child));
    if (max == -1) {
      Fragment body = build(child);
      const int split = add(SafePattern::State::Kind::Split);
      states_[split].next = body.start;
      patch(body.outs, split);
      return concat(std::move(f), Fragment{split, {{split, 2}}});
    }
    for (int i = min; i < max; ++i) {
      Fragment body = build(child);
      const int split = add(SafePattern::State::Kind::Split);
      states_[split].next = body.start;
      body.outs.emplace_back(split, 2);
      f = concat(std::move(f), Fragment{split, std::move(body.outs)});
    }
    return f;
  }

  std::vector<SafePattern::State>& states_;
};

std::variant<SafePattern, std::string> SafePattern::compile(std::string_view text) {
  if (text.size() > kMaxPatternLength)
    return "the pattern is longer than " + std::to_string(kMaxPatternLength) + " characters";
  SafePattern pattern;
  pattern.source_ = std::string(text);
  try {
    const Node root = PatternParser(text).parse();
    SafePatternCompiler compiler(pattern);
    auto fragment = compiler.build(root);
    const int match = compiler.add(State::Kind::Match);
    compiler.patch(fragment.outs, match);
    pattern.start_ = fragment.start;
  } catch (const std::invalid_argument& e) {
    return std::string(e.what());
  }
  return pattern;
}

std::vector<int> SafePattern::closure(const std::vector<int>& from) const {
  std::vector<bool> seen(states_.size(), false);
  std::vector<int> stack(from.begin(), from.end()), out;
  while (!stack.empty()) {
    const int s = stack.back();
    stack.pop_back();
    if (s < 0 || seen[s]) continue;
    seen[s] = true;
    out.push_back(s);
    if (states_[s].kind == State::Kind::Split) {
      stack.push_back(states_[s].next);
      stack.push_back(states_[s].next2);
    }
  }
  return out;
}

bool SafePattern::matches(std::string_view text) const {
  std::vector<int> current = closure({start_});
  std::vector<int> next;
  for (unsigned char c : text) {
    next.clear();
    for (int s : current)
      if (states_[s].kind == State::Kind::Byte && states_[s].bytes.test(c)) next.push_back(states_[s].next);
    current = closure(next);
    if (current.empty()) return false;
  }
  return std::any_of(current.begin(), current.end(), [&](int s) { return states_[s].kind == State::Kind::Match; });
}

std::vector<bool> SafePattern::live_states() const {
  // Reverse reachability from the match state.
  std::vector<std::vector<int>> into(states_.size());
  for (std::size_t s = 0; s < states_.size(); ++s) {
    const bool passable = states_[s].kind != State::Kind::Byte || states_[s].bytes.any();
    if (states_[s].next >= 0 && passable) into[states_[s].next].push_back(static_cast<int>(s));
    if (states_[s].next2 >= 0) into[states_[s].next2].push_back(static_cast<int>(s));
  }
  std::vector<bool> live(states_.size(), false);
  std::vector<int> stack;
  for (std::size_t s = 0; s < states_.size(); ++s)
    if (states_[s].kind == State::Kind::Match) stack.push_back(static_cast<int>(s));
  while (!stack.empty()) {
    const int s = stack.back();
    stack.pop_back();
    if (live[s]) continue;
    live[s] = true;
    for (int p : into[s]) stack.push_back(p);
  }
  return live;
}

ByteSet SafePattern::alphabet() const {
  const auto live = live_states();
  ByteSet out;
  std::vector<bool> seen(states_.size(), false);
  std::vector<int> stack{start_};
  while (!stack.empty()) {  // forward from the start, through live states only
    const int s = stack.back();
    stack.pop_back();
    if (s < 0 || seen[s] || !live[s]) continue;
    seen[s] = true;
    const State& st = states_[s];
    if (st.kind == State::Kind::Byte && live[st.next]) out |= st.bytes;
    stack.push_back(st.next);
    if (st.kind == State::Kind::Split) stack.push_back(st.next2);
  }
  return out;
}

bool SafePattern::can_match_empty() const {
  for (int s : closure({start_}))
    if (states_[s].kind == State::Kind::Match) return true;
  return false;
}

bool SafePattern::can_start_with(const ByteSet& first) const {
  const auto live = live_states();
  for (int s : closure({start_}))
    if (states_[s].kind == State::Kind::Byte && live[states_[s].next] && (states_[s].bytes & first).any()) return true;
  return false;
}

bool SafePattern::can_match_only(const ByteSet& only) const {
  // The pattern's automaton restricted to `only`: can it reach the match state after a byte?
  std::vector<bool> seen(states_.size(), false);
  std::deque<int> queue;
  for (int s : closure({start_}))
    if (states_[s].kind == State::Kind::Byte && (states_[s].bytes & only).any()) queue.push_back(states_[s].next);
  while (!queue.empty()) {
    const int s = queue.front();
    queue.pop_front();
    if (s < 0 || seen[s]) continue;
    seen[s] = true;
    const State& st = states_[s];
    if (st.kind == State::Kind::Match) return true;
    if (st.kind == State::Kind::Byte) {
      if ((st.bytes & only).any()) queue.push_back(st.next);
    } else {
      queue.push_back(st.next);
      queue.push_back(st.next2);
    }
  }
  return false;
}

bool SafePattern::can_contain(std::string_view needle) const {
  if (needle.empty()) return true;
  // Knuth-Morris-Pratt automaton of the needle, run in step with the pattern's NFA.
  const std::size_t n = needle.size();
  std::vector<std::size_t> fail(n + 1, 0);
  for (std::size_t i = 1, k = 0; i < n; ++i) {
    while (k > 0 && needle[i] != needle[k]) k = fail[k];
    if (needle[i] == needle[k]) ++k;
    fail[i + 1] = k;
  }
  const auto advance = [&](std::size_t k, unsigned char c) {
    while (k > 0 && (k == n || static_cast<unsigned char>(needle[k]) != c)) k = fail[k];
    return static_cast<unsigned char>(needle[k]) == c ? k + 1 : 0;
  };
  const auto live = live_states();
  std::vector<bool> seen(states_.size() * n, false);
  std::deque<std::pair<int, std::size_t>> queue;
  for (int s : closure({start_})) queue.emplace_back(s, 0);
  while (!queue.empty()) {
    const auto [s, k] = queue.front();
    queue.pop_front();
    if (s < 0 || !live[s] || seen[static_cast<std::size_t>(s) * n + k]) continue;
    seen[static_cast<std::size_t>(s) * n + k] = true;
    const State& st = states_[s];
    if (st.kind == State::Kind::Split) {
      queue.emplace_back(st.next, k);
      queue.emplace_back(st.next2, k);
    } else if (st.kind == State::Kind::Byte && live[st.next]) {
      for (unsigned c = 0; c < 256; ++c) {
        if (!st.bytes.test(c)) continue;
        const std::size_t k2 = advance(k, static_cast<unsigned char>(c));
        if (k2 == n) return true;
        queue.emplace_back(st.next, k2);
      }
    }
  }
  return false;
}

}  // namespace reelflow::framework
