#include "tiktok_publisher.hpp"

#include "content_range.hpp"
#include "file_slice.hpp"
#include "platform_client.hpp"
#include "status_poller.hpp"
#include "tiktok_chunk_plan.hpp"

namespace reelflow::uploader {
namespace {

using nlohmann::json;

constexpr PlatformEndpoint kTikTok{"tiktok", "https://open.tiktokapis.com", "TIKTOK_ACCESS_TOKEN"};
constexpr std::size_t kMaxTitleBytes = 2200;  // TikTok counts 2200 UTF-16 units; bytes are never fewer

class TikTokPublisher {
 public:
  TikTokPublisher(StageContext& ctx, const PlatformClient& client, const UploadJob& job, TikTokChunkPlan plan)
      : ctx_(ctx), client_(client), job_(job), plan_(plan) {}

  Status run(const PublishingMetadata& metadata, std::string& location) {
    if (Status started = init(metadata); !started) return started;
    for (std::uint64_t i = 0; i < plan_.chunk_count; ++i) {
      if (ctx_.cancelled()) return Status::error("cancelled");
      if (Status sent = upload_chunk(i); !sent) return sent;
    }
    std::string post_id;
    if (Status published = wait_for_publish(post_id); !published) return published;
    // A private (SELF_ONLY) post has no public id: the publish id is what identifies it.
    location = post_id.empty() ? "tiktok:" + publish_id_ : "https://www.tiktok.com/@/video/" + post_id;
    return Status::ok();
  }

 private:
  // TikTok answers every call with {"data": ..., "error": {"code": "ok" | word, "message"}}.
  Status call(const std::string& path, const json& body, json& data) {
    const std::string url = client_.base_url() + path;
    HttpResponse reply = client_.send_json("POST", url, body);
    if (!reply.ok()) return Status::error(client_.failure(reply, "POST " + url));
    json answer;
    if (Status read = client_.read_json(reply, "POST " + url, answer); !read) return read;
    const std::string code = json_string(answer, {"error", "code"});
    if (code != "ok") return Status::error(client_.failure(reply, "POST " + url));  // names TikTok's code
    data = answer.value("data", json::object());
    return Status::ok();
  }

  Status init(const PublishingMetadata& metadata) {
    std::string title = metadata.title;
    if (!metadata.hashtags.empty()) title += " " + metadata.hashtag_line();
    json body = {{"post_info",
                  {{"title", truncate_utf8(title, kMaxTitleBytes)},
                   {"privacy_level", ctx_.params().str("tiktok_privacy")},
                   {"disable_duet", false},
                   {"disable_comment", false},
                   {"disable_stitch", false}}},
                 {"source_info",
                  {{"source", "FILE_UPLOAD"},
                   {"video_size", plan_.video_size},
                   {"chunk_size", plan_.chunk_size},
                   {"total_chunk_count", plan_.chunk_count}}}};
    json data;
    if (Status ok = call("/v2/post/publish/video/init/", body, data); !ok) return ok;
    publish_id_ = json_string(data, {"publish_id"});
    upload_url_ = json_string(data, {"upload_url"});
    if (publish_id_.empty() || (upload_url_.rfind("https://", 0) != 0 && upload_url_.rfind("http://", 0) != 0))
      return Status::error("TikTok's init reply has no publish_id or upload_url");
    return Status::ok();
  }

  // The upload URL is signed for this upload: the token does not go there.
  Status upload_chunk(std::uint64_t index) {
    const std::uint64_t offset = plan_.offset(index), length = plan_.length(index);
    HttpRequest put = client_.request("PUT", upload_url_, "");
    put.headers.emplace_back("Content-Type", job_.content_type);
    put.headers.emplace_back("Content-Range", content_range(offset, length, plan_.video_size));
    if (Status read = read_file_slice(job_.source, offset, length, put.body); !read) return read;
    HttpResponse reply = client_.send(put);
    // 206 Partial Content while chunks are missing, 201 Created after the last one.
    const bool last = index + 1 == plan_.chunk_count;
    const std::string what = "PUT chunk " + std::to_string(index + 1) + "/" + std::to_string(plan_.chunk_count);
    if (!reply.error.empty() || reply.status != (last ? 201 : 206))
      return Status::error(client_.failure(reply, what + " (expected HTTP " + (last ? "201" : "206") + ")"));
    ctx_.progress(0.05 + 0.75 * static_cast<double>(index + 1) / static_cast<double>(plan_.chunk_count), what);
    return Status::ok();
  }

  Status wait_for_publish(std::string& post_id) {
    return poll_until_done(ctx_, "TikTok publish " + publish_id_, [&](bool& done, std::string& state) {
      json data;
      if (Status ok = call("/v2/post/publish/status/fetch/", {{"publish_id", publish_id_}}, data); !ok) return ok;
      state = json_string(data, {"status"});
      if (state == "FAILED") {
        const std::string reason = json_string(data, {"fail_reason"});
        return Status::error("TikTok publish " + publish_id_ + " FAILED: " + (reason.empty() ? "no reason" : reason));
      }
      done = state == "PUBLISH_COMPLETE";
      if (auto ids = data.find("publicaly_available_post_id");
          done && ids != data.end() && ids->is_array() && !ids->empty() && (*ids)[0].is_number_integer())
        post_id = std::to_string((*ids)[0].get<std::int64_t>());
      return Status::ok();
    });
  }

  StageContext& ctx_;
  const PlatformClient& client_;
  const UploadJob& job_;
  TikTokChunkPlan plan_;
  std::string publish_id_;
  std::string upload_url_;
};

}  // namespace

Status publish_tiktok(StageContext& ctx, const UploadJob& job, const PublishingMetadata& metadata,
                      std::string& location) {
  PlatformClient client;
  if (Status opened = PlatformClient::open(ctx, kTikTok, client); !opened) return opened;
  const auto chunk = static_cast<std::uint64_t>(ctx.params().integer("tiktok_chunk_mb")) << 20;
  TikTokPublisher publisher(ctx, client, job, TikTokChunkPlan::for_file(job.size, chunk));
  if (Status published = publisher.run(metadata, location); !published) return published;
  ctx.progress(1.0, "published");
  return Status::ok();
}

}  // namespace reelflow::uploader
