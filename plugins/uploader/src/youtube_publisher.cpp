#include "youtube_publisher.hpp"

#include "platform_client.hpp"
#include "youtube_resumable_upload.hpp"

#include <algorithm>

namespace reelflow::uploader {
namespace {

constexpr PlatformEndpoint kYouTube{"youtube", "https://www.googleapis.com", "YOUTUBE_ACCESS_TOKEN"};
constexpr std::uint64_t kChunkUnit = 256 * 1024;  // YouTube takes chunks in multiples of 256 KiB

// YouTube refuses '<' and '>' in titles and descriptions, titles over 100 characters
// and descriptions over 5000 bytes.
std::string youtube_text(std::string text, std::size_t max_bytes) {
  std::erase_if(text, [](char c) { return c == '<' || c == '>'; });
  return truncate_utf8(text, max_bytes);
}

nlohmann::json video_resource(const PublishingMetadata& metadata, const ParamSet& params) {
  std::string description = metadata.description;
  if (!metadata.hashtags.empty()) description += (description.empty() ? "" : "\n\n") + metadata.hashtag_line();
  return {{"snippet",
           {{"title", youtube_text(metadata.title, 100)},
            {"description", youtube_text(description, 5000)},
            {"tags", metadata.tags()},
            {"categoryId", params.str("youtube_category_id")}}},
          {"status", {{"privacyStatus", params.str("youtube_privacy")}}}};
}

bool all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A video id is letters, digits, '-' and '_' (11 of them today).
bool valid_video_id(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

}  // namespace

Status publish_youtube(StageContext& ctx, const UploadJob& job, const PublishingMetadata& metadata,
                       std::string& location) {
  const ParamSet& params = ctx.params();
  const auto chunk_kib = static_cast<std::uint64_t>(params.integer("youtube_chunk_kb"));
  if ((chunk_kib * 1024) % kChunkUnit != 0)
    return Status::error("param 'youtube_chunk_kb' = " + std::to_string(chunk_kib) +
                         " is not a multiple of 256 (YouTube takes chunks in 256 KiB units)");
  if (!all_digits(params.str("youtube_category_id")))
    return Status::error("param 'youtube_category_id' = '" + params.str("youtube_category_id") +
                         "' is not a number (22 is People & Blogs)");
  PlatformClient client;
  if (Status opened = PlatformClient::open(ctx, kYouTube, client); !opened) return opened;

  nlohmann::json video;
  YouTubeResumableUpload upload(ctx, client, job, chunk_kib * 1024);
  if (Status uploaded = upload.run(video_resource(metadata, params), video); !uploaded) return uploaded;
  const std::string id = json_string(video, {"id"});
  if (!valid_video_id(id)) return Status::error("the upload finished but the reply has no video id");
  location = "https://youtu.be/" + id;
  ctx.progress(1.0, "published");
  return Status::ok();
}

}  // namespace reelflow::uploader
