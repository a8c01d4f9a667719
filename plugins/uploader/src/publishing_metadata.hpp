#pragma once
// What a platform shows beside the video: the title, description and hashtags the
// script stage wrote (its `publishing` output, connected to the uploader's optional
// `publishing` input). Without it the title is the file's name and the rest empty.
#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::uploader {

// The llm_script plugin's value type.
inline constexpr const char* kPublishingType = "publishing";

struct PublishingMetadata {
  std::string title;
  std::string description;
  std::vector<std::string> hashtags;  // "#honeybees"

  // "#honeybees #pollen": the hashtags joined by spaces.
  std::string hashtag_line() const;
  // The hashtags without their '#', as YouTube's tags.
  std::vector<std::string> tags() const;
};

// From the `publishing` input (null: not connected); the title falls back to the
// source file's stem. Fails when the value is not a publishing record.
Status read_publishing_metadata(const Value* input, const std::filesystem::path& source, PublishingMetadata& metadata);

// `text` cut to at most `max_bytes` bytes without splitting a UTF-8 character.
std::string truncate_utf8(std::string_view text, std::size_t max_bytes);

}  // namespace reelflow::uploader
