#pragma once
// Helpers shared by the llm_script tests.
#include "stage_harness.hpp"

#include <reelflow/value.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace reelflow::llm_script_test {

// The script a successful run produced; fails the test (and returns an empty script) otherwise.
Script script_of(const testing::StageRun& run);

int word_count(std::string_view text);
// Sentences as a listener hears them: text ending in . ! or ? before a space or the end.
int sentence_count(std::string_view text);
// Every scene narration (what the voice reads; the hook is not spoken).
int spoken_words(const Script& script);

bool any_line_contains(const std::vector<std::string>& lines, std::string_view needle);

// The message of a failed run; fails the test unless it failed with one line and no script.
std::string error_of(const testing::StageRun& run);

// The key must never reach an error message or a log line.
void expect_key_hidden(const testing::StageRun& run, std::string_view key);

// A script as a model writes it: title, hook and `scenes` scenes (no hashtags).
nlohmann::json script_json(int scenes);

}  // namespace reelflow::llm_script_test
