#include "publishing_metadata.hpp"

#include <nlohmann/json.hpp>

namespace reelflow::uploader {
namespace {

using nlohmann::json;

std::string string_field(const json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string PublishingMetadata::hashtag_line() const {
  std::string line;
  for (const auto& tag : hashtags) line += (line.empty() ? "" : " ") + tag;
  return line;
}

std::vector<std::string> PublishingMetadata::tags() const {
  std::vector<std::string> tags;
  for (const auto& tag : hashtags)
    if (tag.size() > 1) tags.push_back(tag.front() == '#' ? tag.substr(1) : tag);
  return tags;
}

Status read_publishing_metadata(const Value* input, const std::filesystem::path& source, PublishingMetadata& metadata) {
  metadata = PublishingMetadata{};
  if (input) {
    const auto* record = std::get_if<Record>(input);
    if (!record || record->type != kPublishingType)
      return Status::error("input 'publishing' is not a publishing value (got " + std::string(value_type_of(*input)) +
                           ")");
    json parsed = json::parse(record->json, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_object()) return Status::error("input 'publishing' is not a JSON object");
    metadata.title = string_field(parsed, "title");
    metadata.description = string_field(parsed, "description");
    if (auto tags = parsed.find("hashtags"); tags != parsed.end() && tags->is_array())
      for (const auto& tag : *tags)
        if (tag.is_string() && !tag.get<std::string>().empty()) metadata.hashtags.push_back(tag.get<std::string>());
  }
  if (metadata.title.empty()) metadata.title = source.stem().string();
  return Status::ok();
}

std::string truncate_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  // Back off continuation bytes (10xxxxxx) to the start of the character that doesn't fit.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

}  // namespace reelflow::uploader
