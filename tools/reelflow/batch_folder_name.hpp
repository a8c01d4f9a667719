#pragma once
// Where one topic of a batch writes its video: "007-how-volcanoes-work", from the
// line number and a slug of ASCII letters and digits (never a path from the text).
#include <string>

namespace reelflow::cli {

std::string batch_folder_name(int line, const std::string& topic);

}  // namespace reelflow::cli
