#include "ffprobe_streams.hpp"

#include "subprocess.hpp"

#include <gtest/gtest.h>

namespace reelflow::testing {

std::string ffprobe_streams(const std::filesystem::path& file, const std::filesystem::path& capture_dir) {
  Subprocess probe({"/usr/bin/ffprobe", "-v", "error", "-count_frames", "-show_entries",
                    "stream=codec_type,width,height,nb_read_frames", "-of", "compact=p=0", file.string()},
                   capture_dir);
  const auto code = probe.wait(std::chrono::seconds(60));
  EXPECT_EQ(code.value_or(-1), 0) << "ffprobe " << file << (probe.started() ? "" : " did not start") << ": "
                                  << probe.err();
  return code == 0 ? probe.out() : std::string();
}

}  // namespace reelflow::testing
