// file_source run through the stage harness: the file it names comes out as an
// absolute FileRef with its MIME type, untouched; what is not a readable file fails.
#include <stage_harness.hpp>
#include <temp_dir.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

namespace reelflow::testing {
namespace {

void write(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

FileRef file_of(const StageRun& run) {
  auto it = run.outputs.find("file");
  if (it == run.outputs.end() || !std::holds_alternative<FileRef>(it->second)) {
    ADD_FAILURE() << "no 'file' output";
    return {};
  }
  return std::get<FileRef>(it->second);
}

class FileSourceTest : public ::testing::Test {
 protected:
  StageRun source(const std::filesystem::path& path) { return harness.run("file_source", "path: '" + path.string() + "'"); }

  StageHarness harness;
  TempDir dir{"file-source"};
};

TEST_F(FileSourceTest, NamesTheFileWithItsTypeAndLeavesItAlone) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"clip.mp4", "video/mp4"}, {"Track.MP3", "audio/mpeg"}, {"photo.JpEg", "image/jpeg"},
      {"notes.md", "text/markdown"}, {"data.bin", "application/octet-stream"}, {"no-extension", "application/octet-stream"}};
  for (const auto& [name, mime] : cases) {
    write(dir / name, "content of " + name);
    const StageRun run = source(dir / name);
    ASSERT_TRUE(run.status.is_ok()) << name << ": " << run.status.message();
    const FileRef file = file_of(run);
    EXPECT_EQ(file.path, dir / name);
    EXPECT_EQ(file.mime_type, mime) << name;
    EXPECT_EQ(read(file.path), "content of " + name);
  }
}

TEST_F(FileSourceTest, RelativePathIsFromTheWorkingDirectory) {
  std::filesystem::create_directories(dir / "media");
  write(dir / "media" / "song.ogg", "ogg");
  const auto before = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  const StageRun run = source("media/song.ogg");
  std::filesystem::current_path(before);
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const FileRef file = file_of(run);
  EXPECT_TRUE(file.path.is_absolute()) << file.path;
  EXPECT_EQ(std::filesystem::canonical(file.path), std::filesystem::canonical(dir / "media" / "song.ogg"));
  EXPECT_EQ(file.mime_type, "audio/ogg");
}

TEST_F(FileSourceTest, WhatIsNotAFileFailsNamingIt) {
  std::filesystem::create_directories(dir / "folder.mp4");
  for (const auto& path : {dir / "missing.mp4", dir / "folder.mp4"}) {
    const StageRun run = source(path);
    ASSERT_FALSE(run.status.is_ok()) << path;
    EXPECT_EQ(run.status.message(), "no such file: " + path.string());
    EXPECT_TRUE(run.outputs.empty());
  }
  const StageRun empty = harness.run("file_source", "path: ''");
  ASSERT_FALSE(empty.status.is_ok());
  EXPECT_NE(empty.status.message().find("'path' is empty"), std::string::npos) << empty.status.message();
}

}  // namespace
}  // namespace reelflow::testing
