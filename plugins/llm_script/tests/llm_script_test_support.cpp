#include "llm_script_test_support.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace reelflow::llm_script_test {

Script script_of(const testing::StageRun& run) {
  EXPECT_TRUE(run.status.is_ok()) << run.status.message();
  auto it = run.outputs.find("script");
  if (it == run.outputs.end()) {
    ADD_FAILURE() << "no 'script' output";
    return {};
  }
  const Script* script = std::get_if<Script>(&it->second);
  if (!script) {
    ADD_FAILURE() << "'script' output is not a Script";
    return {};
  }
  return *script;
}

int word_count(std::string_view text) {
  std::istringstream in{std::string(text)};
  int n = 0;
  for (std::string w; in >> w;) ++n;
  return n;
}

int sentence_count(std::string_view text) {
  int n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool end = c == '.' || c == '!' || c == '?';
    if (end && (i + 1 == text.size() || text[i + 1] == ' ')) ++n;
  }
  return n;
}

int spoken_words(const Script& script) {
  int n = 0;
  for (const ScriptScene& s : script.scenes) n += word_count(s.narration);
  return n;
}

bool any_line_contains(const std::vector<std::string>& lines, std::string_view needle) {
  for (const std::string& line : lines)
    if (line.find(needle) != std::string::npos) return true;
  return false;
}

std::string error_of(const testing::StageRun& run) {
  EXPECT_FALSE(run.status.is_ok());
  EXPECT_EQ(run.outputs.count("script"), 0u);
  EXPECT_EQ(run.status.message().find('\n'), std::string::npos) << "not one line: " << run.status.message();
  return run.status.message();
}

void expect_key_hidden(const testing::StageRun& run, std::string_view key) {
  EXPECT_EQ(run.status.message().find(key), std::string::npos) << run.status.message();
  EXPECT_FALSE(any_line_contains(run.log_lines, key));
}

nlohmann::json script_json(int scenes) {
  nlohmann::json list = nlohmann::json::array();
  for (int i = 1; i <= scenes; ++i)
    list.push_back({{"narration", "Narration of scene " + std::to_string(i) + ". It has two sentences."},
                    {"caption", "Caption " + std::to_string(i)},
                    {"visual", "Visual of scene " + std::to_string(i)}});
  return {{"title", "Tides, Explained"}, {"hook", "Why does the sea breathe twice a day?"}, {"scenes", list}};
}

}  // namespace reelflow::llm_script_test
