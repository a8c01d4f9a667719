// Variable patterns: the supported subset, whole-value matching in linear time,
// and the analyses the trusted-parameter rule relies on.
#include "graph/safe_pattern.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace reelflow::framework {
namespace {

SafePattern compile(const std::string& text) {
  auto compiled = SafePattern::compile(text);
  if (auto* why = std::get_if<std::string>(&compiled)) ADD_FAILURE() << text << ": " << *why;
  return std::get<SafePattern>(std::move(compiled));
}

std::string refusal(const std::string& text) {
  auto compiled = SafePattern::compile(text);
  auto* why = std::get_if<std::string>(&compiled);
  return why ? *why : "";
}

TEST(SafePattern, MatchesTheWholeValueOnly) {
  const auto p = compile("[a-z]{2,3}(-[a-z0-9]{1,8}){0,2}(\\+[a-z0-9]+)?");
  for (const char* ok : {"en", "en-us", "zh-yue", "en-us+f3", "de-ch-x1"}) EXPECT_TRUE(p.matches(ok)) << ok;
  for (const char* bad : {"", "e", "english", "en-", "en/us", "../../etc/passwd", "en-us ", " en", "en+", "EN"})
    EXPECT_FALSE(p.matches(bad)) << bad;
}

TEST(SafePattern, AnchorsAtTheEndsAreAccepted) {
  const auto p = compile("^a+$");
  EXPECT_TRUE(p.matches("aaa"));
  EXPECT_FALSE(p.matches("aab"));
  EXPECT_TRUE(compile("a\\$").matches("a$"));  // an escaped dollar is a literal
}

TEST(SafePattern, ClassesEscapesAlternationAndCounts) {
  EXPECT_TRUE(compile("\\d{4}-\\d{2}").matches("2026-12"));
  EXPECT_FALSE(compile("\\d{4}-\\d{2}").matches("2026-1"));
  EXPECT_TRUE(compile("(?:cat|dog)s?").matches("dogs"));
  EXPECT_FALSE(compile("(?:cat|dog)s?").matches("cow"));
  EXPECT_TRUE(compile("[^/]+").matches("abc.def"));
  EXPECT_FALSE(compile("[^/]+").matches("a/b"));
  EXPECT_TRUE(compile("[\\w.-]+").matches("a_b.c-d"));
  EXPECT_TRUE(compile("[]a]+").matches("]a]"));
  EXPECT_TRUE(compile("a{2,}").matches("aaaa"));
  EXPECT_FALSE(compile("a{2,}").matches("a"));
  EXPECT_TRUE(compile("x*").matches(""));
  EXPECT_TRUE(compile("a.c").matches("a/c"));
  EXPECT_FALSE(compile("a.c").matches("a\nc"));
}

TEST(SafePattern, OutsideTheSubsetIsRefusedWithAReason) {
  EXPECT_NE(refusal("(a"), "");
  EXPECT_NE(refusal("[a-"), "");
  EXPECT_NE(refusal("*a"), "");
  EXPECT_NE(refusal("a{3,1}"), "");
  EXPECT_NE(refusal("a{5000}"), "");
  EXPECT_NE(refusal("\\1"), "");              // no back-references
  EXPECT_NE(refusal("(?=a)"), "");            // no look-ahead
  EXPECT_NE(refusal("a^b"), "");              // anchors only at the ends
  EXPECT_NE(refusal("[z-a]"), "");
  EXPECT_NE(refusal("(a{1000}){1000}"), "");  // too many states once expanded
  EXPECT_NE(refusal(std::string(2000, 'a')), "");
  EXPECT_NE(refusal("a\\"), "");
}

TEST(SafePattern, BacktrackingBombsMatchInLinearTime) {
  // A backtracking matcher takes ~2^n steps on these; the NFA takes n.
  const auto p = compile("(a*)*b");
  const auto q = compile("(a|aa)+c");
  const std::string input(4000, 'a');
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(p.matches(input));
  EXPECT_FALSE(q.matches(input));
  EXPECT_TRUE(p.matches(input + "b"));
  // Generous even under sanitizers: the point is "not exponential".
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(SafePattern, AlphabetIsEveryByteAMatchCanContain) {
  const auto p = compile("[a-c]+(-[0-9])?");
  const ByteSet alphabet = p.alphabet();
  EXPECT_EQ(alphabet, byte_set("abc-0123456789"));
  EXPECT_TRUE(compile("a|b[^x]").alphabet().test('/'));
  EXPECT_FALSE(compile("a|b[^x]").alphabet().test('x'));
  // A branch that can never complete a match ([^\s\S] matches nothing) contributes nothing.
  EXPECT_EQ(compile("a|bx[^\\s\\S]").alphabet(), byte_set("a"));
}

TEST(SafePattern, ContainmentStartAndEmptinessAnalyses) {
  EXPECT_TRUE(compile("[a-z.]+").can_contain(".."));
  EXPECT_FALSE(compile("[a-z]+(\\.[a-z]+)*").can_contain(".."));
  EXPECT_TRUE(compile("[a-z]+\\.?\\.?").can_contain(".."));
  EXPECT_FALSE(compile("[a-z]+\\.mp4").can_contain(".."));
  EXPECT_TRUE(compile("x*(ab)+").can_contain("abab"));
  EXPECT_TRUE(compile("[.a-z]+").can_start_with(byte_set(".-")));
  EXPECT_FALSE(compile("[a-z][.a-z]*").can_start_with(byte_set(".-")));
  EXPECT_TRUE(compile("[a-z]*").can_match_empty());
  EXPECT_FALSE(compile("[a-z]+").can_match_empty());
  EXPECT_TRUE(compile("[a-z0-9]+").can_match_only(byte_range('0', '9')));
  EXPECT_FALSE(compile("[a-z][a-z0-9]*").can_match_only(byte_range('0', '9')));
}

}  // namespace
}  // namespace reelflow::framework
