// target: local — an atomic copy into a directory.
#include "stage_harness.hpp"
#include "temp_dir.hpp"
#include "test_file.hpp"

#include <gtest/gtest.h>

#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <cstring>

namespace reelflow::uploader::testing {
namespace {

using reelflow::testing::StageHarness;
using reelflow::testing::TempDir;

std::vector<std::string> entries(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string location_of(const reelflow::testing::StageRun& run) {
  auto it = run.outputs.find("location");
  if (it == run.outputs.end()) return {};
  const auto* text = std::get_if<Text>(&it->second);
  return text ? text->text : std::string();
}

class UploaderLocal : public ::testing::Test {
 protected:
  void SetUp() override {
    bytes_ = make_test_bytes(3 * 1024 * 1024 + 17);
    source_ = tmp_ / "render" / "clip.mp4";
    write_file(source_, bytes_);
  }

  StageHarness harness_;
  TempDir tmp_{"uploader-local"};
  std::string bytes_;
  std::filesystem::path source_;
};

TEST_F(UploaderLocal, CopiesIntoOutputPublishedByDefault) {
  auto out = tmp_ / "out";
  auto run = harness_.run("uploader", "target: local", {{"file", FileRef{source_, "video/mp4"}}}, out);
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  auto expected = std::filesystem::absolute(out / "published" / "clip.mp4").lexically_normal();
  EXPECT_EQ(location_of(run), expected.string());
  EXPECT_EQ(read_file(expected), bytes_);
  EXPECT_EQ(entries(out / "published"), std::vector<std::string>{"clip.mp4"});  // no temp file left behind
  EXPECT_EQ(read_file(source_), bytes_);  // the source is untouched
  ASSERT_FALSE(run.progress.empty());
  EXPECT_DOUBLE_EQ(run.progress.back(), 1.0);
}

TEST_F(UploaderLocal, VideoInputWithDirAndNestedName) {
  auto site = tmp_ / "site";
  auto run = harness_.run("uploader", "dir: " + site.string() + "\nname: 2024/05/final.mp4",
                          {{"file", VideoFile{source_, 2.0, 1080, 1920, 30.0}}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(location_of(run), (site / "2024" / "05" / "final.mp4").string());
  EXPECT_EQ(read_file(site / "2024" / "05" / "final.mp4"), bytes_);
}

TEST_F(UploaderLocal, ReplacesAnExistingFileWhole) {
  auto site = tmp_ / "site";
  write_file(site / "clip.mp4", std::string(10 * 1024 * 1024, 'x'));  // longer than the new file
  auto run = harness_.run("uploader", "dir: " + site.string(), {{"file", FileRef{source_, ""}}});
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  EXPECT_EQ(read_file(site / "clip.mp4"), bytes_);
  EXPECT_EQ(entries(site), std::vector<std::string>{"clip.mp4"});
}

// Files this process writes may not grow past `bytes` while the object lives; a write
// past it fails with EFBIG (SIGXFSZ is ignored meanwhile), like a disk that fills up.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &saved_);
    previous_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = saved_;
    limited.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &limited);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, previous_);
  }

 private:
  rlimit saved_{};
  void (*previous_)(int) = nullptr;
};

// The copy fails a megabyte in: neither the partial copy nor its temp file may stay,
// and the file already published there is left whole.
TEST_F(UploaderLocal, DiskFullMidCopyFailsWithoutPartialFile) {
  auto site = tmp_ / "site";
  const std::string earlier = make_test_bytes(4096, 7);
  write_file(site / "clip.mp4", earlier);
  reelflow::testing::StageRun run;
  {
    FileSizeLimit limit(1024 * 1024);
    run = harness_.run("uploader", "dir: " + site.string(), {{"file", FileRef{source_, ""}}});
  }
  ASSERT_FALSE(run.status.is_ok());
  const auto& message = run.status.message();
  EXPECT_NE(message.find("cannot write"), std::string::npos) << message;
  EXPECT_NE(message.find(std::strerror(EFBIG)), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_EQ(entries(site), std::vector<std::string>{"clip.mp4"}) << "a temp file was left behind";
  EXPECT_TRUE(read_file(site / "clip.mp4") == earlier) << "the published file was replaced by a partial copy";
  EXPECT_TRUE(run.outputs.empty());
}

TEST_F(UploaderLocal, DirectoryThatCannotBeCreatedIsNamed) {
  write_file(tmp_ / "blocker", "a file where a directory should be");
  auto run = harness_.run("uploader", "dir: " + (tmp_ / "blocker" / "sub").string(), {{"file", FileRef{source_, ""}}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("cannot create directory '" + (tmp_ / "blocker" / "sub").string() + "'"),
            std::string::npos)
      << run.status.message();
}

// The copy succeeds but the final rename can't replace a directory: the temp copy
// must not stay behind.
TEST_F(UploaderLocal, FailedRenameLeavesNoTempFile) {
  auto site = tmp_ / "site";
  std::filesystem::create_directories(site / "clip.mp4" / "occupied");
  auto run = harness_.run("uploader", "dir: " + site.string(), {{"file", FileRef{source_, ""}}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("cannot move the copy into place"), std::string::npos) << run.status.message();
  EXPECT_EQ(entries(site), std::vector<std::string>{"clip.mp4"});
  EXPECT_TRUE(std::filesystem::is_directory(site / "clip.mp4" / "occupied"));
}

TEST_F(UploaderLocal, MissingSourceIsNamed) {
  auto missing = tmp_ / "render" / "nope.mp4";
  auto run = harness_.run("uploader", "target: local", {{"file", FileRef{missing, ""}}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("'" + missing.string() + "' does not exist"), std::string::npos)
      << run.status.message();
}

TEST_F(UploaderLocal, NameMayNotLeaveTheDestination) {
  auto site = tmp_ / "site";
  for (const char* name : {"../escape.mp4", "/etc/clip.mp4", "a/../../b.mp4", "dir/"}) {
    auto run = harness_.run("uploader", "dir: " + site.string() + "\nname: \"" + name + "\"",
                            {{"file", FileRef{source_, ""}}});
    ASSERT_FALSE(run.status.is_ok()) << name;
    EXPECT_NE(run.status.message().find("param 'name'"), std::string::npos) << run.status.message();
  }
  EXPECT_FALSE(std::filesystem::exists(tmp_ / "escape.mp4"));
  EXPECT_FALSE(std::filesystem::exists(site));
}

TEST_F(UploaderLocal, UnknownTargetIsRejectedByTheParamCheck) {
  auto run = harness_.run("uploader", "target: ftp", {{"file", FileRef{source_, ""}}});
  ASSERT_FALSE(run.status.is_ok());
  EXPECT_NE(run.status.message().find("target"), std::string::npos) << run.status.message();
}

}  // namespace
}  // namespace reelflow::uploader::testing
