#pragma once
// A picture file's size, read by GStreamer's discoverer: at validation (a
// missing or unreadable watermark is reported with its name) and at build.
#include <filesystem>
#include <optional>
#include <string>

namespace reelflow::overlay {

struct PictureSize {
  int width = 0;
  int height = 0;
};

// nullopt and a message naming the file when it is not a readable picture.
std::optional<PictureSize> picture_size(const std::filesystem::path& file, std::string& error);

}  // namespace reelflow::overlay
