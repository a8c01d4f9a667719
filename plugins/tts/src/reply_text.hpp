#pragma once
// A provider's reply text made fit for an error message: on one line, the API key
// removed, and (snippet) shortened.
#include <string>

namespace reelflow::tts {

std::string one_line(std::string text, const std::string& secret);
std::string snippet(std::string text, const std::string& secret);

}  // namespace reelflow::tts
