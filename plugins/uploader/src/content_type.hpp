#pragma once
// The Content-Type to send for a file, guessed from its extension.
#include <filesystem>
#include <string>

namespace reelflow::uploader {

// "video/mp4" for clip.mp4; "application/octet-stream" when the extension is unknown.
std::string guess_content_type(const std::filesystem::path& file);

}  // namespace reelflow::uploader
