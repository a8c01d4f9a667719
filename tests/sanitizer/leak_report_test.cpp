// LeakSanitizer with the suite's settings and suppressions (.ci/lsan.supp) must still
// see a GstElement that our code leaks: the suppressions name the allocation sites of
// GStreamer, GLib and the other libraries, never whole libraries (a leak is hidden
// when any frame of its stack matches, and our leaks' stacks go through them too).
#include "subprocess.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace reelflow::testing {
namespace {

struct Probe {
  int exit_code = -1;
  std::string err;
};

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// The probe inherits this test's environment: the sanitizer suite's, as set by
// scripts/test.sh --sanitize (which this test therefore checks too).
Probe run_probe(const std::string& mode) {
  Probe result;
  if (env("LSAN_OPTIONS").find("suppressions=" REELFLOW_LSAN_SUPPRESSIONS) == std::string::npos) {
    ADD_FAILURE() << "not run with the suite's LSAN_OPTIONS (scripts/test.sh --sanitize): " << env("LSAN_OPTIONS");
    return result;
  }
  TempDir dir("leak-probe");
  Subprocess probe({REELFLOW_LEAK_PROBE, mode}, dir.path());
  result.exit_code = probe.wait(std::chrono::seconds(120)).value_or(-1);
  result.err = probe.err();
  return result;
}

TEST(LeakSanitizerSuppressions, AGstElementLeakedByOurCodeIsReported) {
  const Probe probe = run_probe("leak");
  EXPECT_NE(probe.exit_code, 0) << probe.err;
  EXPECT_NE(probe.err.find("ERROR: LeakSanitizer: detected memory leaks"), std::string::npos) << probe.err;
  EXPECT_NE(probe.err.find("leak_a_gst_element"), std::string::npos) << "the report names our frame:\n" << probe.err;
}

TEST(LeakSanitizerSuppressions, GStreamersOwnAllocationsAreNotReported) {
  const Probe probe = run_probe("no-leak");
  EXPECT_EQ(probe.exit_code, 0) << probe.err;
  EXPECT_EQ(probe.err.find("LeakSanitizer"), std::string::npos) << probe.err;
}

}  // namespace
}  // namespace reelflow::testing
