#include "content_type.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>

namespace reelflow::uploader {

std::string guess_content_type(const std::filesystem::path& file) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".mp4", "video/mp4"},        {".m4v", "video/mp4"},         {".mov", "video/quicktime"},
      {".webm", "video/webm"},      {".mkv", "video/x-matroska"},  {".ts", "video/mp2t"},
      {".m4a", "audio/mp4"},        {".mp3", "audio/mpeg"},        {".aac", "audio/aac"},
      {".wav", "audio/wav"},        {".ogg", "audio/ogg"},         {".opus", "audio/ogg"},
      {".flac", "audio/flac"},      {".png", "image/png"},         {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},      {".gif", "image/gif"},         {".webp", "image/webp"},
      {".srt", "application/x-subrip"}, {".vtt", "text/vtt"},      {".json", "application/json"},
      {".txt", "text/plain; charset=utf-8"}, {".md", "text/markdown; charset=utf-8"},
      {".html", "text/html; charset=utf-8"}, {".xml", "application/xml"}, {".pdf", "application/pdf"},
  };
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const auto& [suffix, type] : kTypes)
    if (ext == suffix) return std::string(type);
  return "application/octet-stream";
}

}  // namespace reelflow::uploader
