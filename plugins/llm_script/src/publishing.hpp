#pragma once
// What a publisher needs beside the video: a title, a one-line description (the
// script's hook) and a few hashtags. The stage's `publishing` output carries it as
// a `publishing` value (JSON, schema below) for the sidecar and the uploader's
// youtube, tiktok and instagram targets.
#include <reelflow/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace reelflow::llm_script {

inline constexpr const char* kPublishingType = "publishing";
inline constexpr const char* kPublishingDoc =
    "publishing metadata: title, description (one line), hashtags (\"#word\"), writer (who wrote the script)";
inline constexpr const char* kPublishingSchema = R"({"type":"object","required":["title","description","hashtags"],
 "properties":{"title":{"type":"string"},"description":{"type":"string"},
  "hashtags":{"type":"array","items":{"type":"string","pattern":"^#[^#\\s]+$"}},"writer":{"type":"string"}}})";

// At most this many hashtags, each at most kMaxHashtagChars characters after the '#'.
inline constexpr std::size_t kMaxHashtags = 6;
inline constexpr std::size_t kMaxHashtagChars = 40;

struct Publishing {
  std::string title;
  std::string description;
  std::vector<std::string> hashtags;  // "#honeybees": '#', then letters, digits or '_'
  std::string writer;                 // "offline", "openai gpt-4o-mini"
};

Record to_record(const Publishing& publishing);

// Hashtags from the topic's words, no service: "How honey bees make honey" ->
// #HoneyBees #honey #bees. Deterministic.
std::vector<std::string> topic_hashtags(std::string_view topic);

// A model's hashtags made safe: '#' added where missing, anything but letters, digits
// and '_' removed, empty ones and repeats (case-insensitive) dropped, at most kMaxHashtags.
std::vector<std::string> clean_hashtags(const std::vector<std::string>& raw);

}  // namespace reelflow::llm_script
