// What `reelflow batch` takes from its topic file: bounded lines, and folder names
// that come from the line number and an ASCII slug, never a path from the text.
#include "batch_folder_name.hpp"
#include "temp_dir.hpp"
#include "topic_list.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace reelflow::cli {
namespace {

std::filesystem::path write(const testing::TempDir& dir, const std::string& text) {
  const auto file = dir.path() / "topics.txt";
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

TEST(TopicList, SkipsBlankAndCommentLinesAndKeepsLineNumbers) {
  testing::TempDir dir;
  std::string errors;
  auto topics = read_topic_list(write(dir, "  Coral reefs \r\n\n# not a topic\n\tHow tides work\n"), errors);
  ASSERT_TRUE(topics) << errors;
  ASSERT_EQ(topics->size(), 2u);
  EXPECT_EQ((*topics)[0].line, 1);
  EXPECT_EQ((*topics)[0].text, "Coral reefs");
  EXPECT_EQ((*topics)[1].line, 4);
  EXPECT_EQ((*topics)[1].text, "How tides work");
}

TEST(TopicList, RefusesAnOverlongLineWithItsNumber) {
  testing::TempDir dir;
  std::string errors;
  const auto file = write(dir, "fine\n" + std::string(kMaxTopicLineBytes + 1, 'x') + "\n");
  EXPECT_FALSE(read_topic_list(file, errors));
  EXPECT_NE(errors.find(file.string() + ":2: error: topic of 1001 bytes (at most 1000)"), std::string::npos) << errors;
}

TEST(TopicList, RefusesTooManyTopicsATooBigFileAndAnEmptyOne) {
  testing::TempDir dir;
  std::string errors, many;
  for (std::size_t i = 0; i <= kMaxTopics; ++i) many += "topic " + std::to_string(i) + "\n";
  EXPECT_FALSE(read_topic_list(write(dir, many), errors));
  EXPECT_NE(errors.find("501 topics (at most 500 in one batch)"), std::string::npos) << errors;

  EXPECT_FALSE(read_topic_list(write(dir, std::string(kMaxTopicFileBytes + 1, '\n')), errors));
  EXPECT_NE(errors.find("bytes (at most 1048576)"), std::string::npos) << errors;

  EXPECT_FALSE(read_topic_list(write(dir, "\n# only a comment\n"), errors));
  EXPECT_NE(errors.find("no topics"), std::string::npos) << errors;

  EXPECT_FALSE(read_topic_list(dir.path() / "missing.txt", errors));
  EXPECT_NE(errors.find("cannot read the topic list"), std::string::npos) << errors;
}

TEST(BatchFolderName, IsTheLineNumberAndAnAsciiSlug) {
  EXPECT_EQ(batch_folder_name(7, "How Volcanoes Work?"), "007-how-volcanoes-work");
  EXPECT_EQ(batch_folder_name(1, "../../etc/passwd"), "001-etc-passwd");
  EXPECT_EQ(batch_folder_name(12, "/abs/path\\x"), "012-abs-path-x");
  EXPECT_EQ(batch_folder_name(3, "☃ ünï"), "003-n");
  EXPECT_EQ(batch_folder_name(4, "..."), "004-topic");
  const std::string name = batch_folder_name(1234, std::string(300, 'a'));
  EXPECT_EQ(name, "1234-" + std::string(40, 'a'));
}

}  // namespace
}  // namespace reelflow::cli
