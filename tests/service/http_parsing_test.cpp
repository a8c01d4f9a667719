// The pieces of the API that read what clients send, on their own: SSE cursors,
// byte ranges, attempt dirs, the body limit and the guards around routes.
#include "byte_range.hpp"
#include "output_file.hpp"
#include "route_guard.hpp"
#include "stream_id.hpp"

#include <gtest/gtest.h>

namespace reelflow::service {
namespace {

TEST(StreamIdTest, OnlyZeroOrTwoRunsOfDigitsThatFit64Bits) {
  EXPECT_EQ(StreamId::parse("0"), StreamId{});
  EXPECT_EQ(StreamId::parse("1700000000000-3"), (StreamId{1700000000000, 3}));
  EXPECT_EQ(StreamId::parse("18446744073709551615-18446744073709551615"),
            (StreamId{18446744073709551615ull, 18446744073709551615ull}));
  for (const char* bad : {"", "garbage", "1", "1-", "-1", "1-2-3", "+1-2", "1-+2", " 1-2", "1-2 ", "18446744073709551616-0",
                          "0x1-2", "1.5-2", "99999999999999999999-0"})
    EXPECT_FALSE(StreamId::parse(bad)) << bad;
  EXPECT_LT(*StreamId::parse("5-9"), *StreamId::parse("6-0"));
  EXPECT_LT(*StreamId::parse("5-9"), *StreamId::parse("5-10"));
}

TEST(ByteRangeTest, OneRangeWithinTheFileElse416) {
  using Kind = RangeRequest::Kind;
  const auto is = [](const RangeRequest& r, Kind kind, std::uint64_t first = 0, std::uint64_t length = 0) {
    return r.kind == kind && (kind != Kind::Single || (r.first == first && r.length == length));
  };
  EXPECT_TRUE(is(parse_range("", 100), Kind::Whole));
  EXPECT_TRUE(is(parse_range("items=0-5", 100), Kind::Whole));
  EXPECT_TRUE(is(parse_range("bytes=0-9", 100), Kind::Single, 0, 10));
  EXPECT_TRUE(is(parse_range("bytes=90-", 100), Kind::Single, 90, 10));
  EXPECT_TRUE(is(parse_range("bytes=90-1000", 100), Kind::Single, 90, 10));
  EXPECT_TRUE(is(parse_range("bytes=-10", 100), Kind::Single, 90, 10));
  EXPECT_TRUE(is(parse_range("bytes=-1000", 100), Kind::Single, 0, 100));
  EXPECT_TRUE(is(parse_range("bytes=99-99", 100), Kind::Single, 99, 1));
  for (const char* unsatisfiable : {"bytes=100-", "bytes=100-200", "bytes=-0", "bytes=5-2", "bytes=x-2", "bytes=-",
                                    "bytes=", "bytes=1", "bytes=18446744073709551616-"})
    EXPECT_TRUE(is(parse_range(unsatisfiable, 100), Kind::Unsatisfiable)) << unsatisfiable;
  EXPECT_TRUE(is(parse_range("bytes=0-0", 0), Kind::Unsatisfiable));
  EXPECT_TRUE(is(parse_range("bytes=-5", 0), Kind::Unsatisfiable));
  EXPECT_TRUE(is(parse_range("bytes=0-1,2-3", 100), Kind::Multiple));
  EXPECT_TRUE(is(parse_range("bytes=0-1,", 100), Kind::Multiple));
}

TEST(OutputFileTest, AttemptDirsHaveTheWorkersPattern) {
  EXPECT_TRUE(is_attempt_dir("1-0123abcd"));
  EXPECT_TRUE(is_attempt_dir("12-ffffffff"));
  for (const char* bad : {"", "1", "1-0123abc", "1-0123abcde", "1-0123ABCD", "a-0123abcd", "../1-0123abcd",
                          "1-0123abcd/..", "-0123abcd", "1234567890-0123abcd"})
    EXPECT_FALSE(is_attempt_dir(bad)) << bad;
}

TEST(RouteGuardTest, AProviderThatThrowsEndsItsResponseInsteadOfThrowing) {
  int calls = 0;
  auto provider = guarded("test provider", [&](std::size_t offset, int) -> bool {
    ++calls;
    if (offset > 0) throw std::runtime_error("Redis went away");
    return true;
  });
  EXPECT_TRUE(provider(0, 0));
  EXPECT_FALSE(provider(1, 0));
  auto unknown = guarded("test provider", [](int) -> bool { throw 42; });
  EXPECT_FALSE(unknown(0));
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace reelflow::service
