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

}  // namespace reelflow::llm_script_test
