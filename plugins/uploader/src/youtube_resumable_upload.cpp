#include "youtube_resumable_upload.hpp"

#include "cancellable_pause.hpp"
#include "content_range.hpp"
#include "file_slice.hpp"

#include <algorithm>
#include <cmath>

namespace reelflow::uploader {
namespace {

constexpr const char* kUploadPath = "/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status";

bool finished_status(long status) { return status == 200 || status == 201; }

// An interruption the session survives: a server error, a timeout, "slow down" or a
// connection that broke (what the runtime's client would retry).
bool interrupted(const HttpResponse& reply) {
  return !reply.error.empty() || reply.status >= 500 || reply.status == 408 || reply.status == 429;
}

}  // namespace

YouTubeResumableUpload::YouTubeResumableUpload(StageContext& ctx, const PlatformClient& client, const UploadJob& job,
                                               std::uint64_t chunk_size)
    : ctx_(ctx), client_(client), job_(job), chunk_size_(chunk_size) {}

Status YouTubeResumableUpload::run(const nlohmann::json& resource, nlohmann::json& video) {
  if (Status opened = open_session(resource); !opened) return opened;
  const RetryPolicy& retry = client_.settings().retry;
  int stalled = 0;  // rounds in a row in which the session gained no bytes
  bool finished = false;
  while (!finished) {
    if (ctx_.cancelled()) return Status::error("cancelled");
    if (offset_ >= job_.size)
      return Status::error("the upload session has all " + std::to_string(job_.size) + " bytes but did not finish");
    const std::uint64_t before = offset_;
    std::string interruption;
    if (Status sent = send_chunk(finished, interruption, video); !sent) return sent;
    if (finished || (interruption.empty() && offset_ > before)) {
      stalled = 0;
      continue;
    }
    if (interruption.empty()) interruption = "the session kept " + std::to_string(offset_) + " bytes";
    if (++stalled >= retry.max_attempts)
      return Status::error(interruption + " (" + std::to_string(stalled) + " tries in a row without progress)");
    // Back off as the runtime's client would, then ask where the session stands.
    const double backoff_ms =
        std::min<double>(static_cast<double>(retry.max_backoff_ms),
                         static_cast<double>(retry.initial_backoff_ms) * std::pow(retry.multiplier, stalled - 1));
    ctx_.log(LogLevel::Warn, interruption + "; asking the upload session what it has");
    if (!pause_unless_cancelled(ctx_, std::chrono::duration<double>(backoff_ms / 1000.0)))
      return Status::error("cancelled");
    if (Status asked = ask_status(finished, video); !asked) return asked;
    if (offset_ > before) stalled = 0;  // part of the chunk got there: that is progress
  }
  return Status::ok();
}

Status YouTubeResumableUpload::open_session(const nlohmann::json& resource) {
  const std::string url = client_.base_url() + kUploadPath;
  HttpRequest start = client_.request("POST", url, client_.bearer());
  start.headers.emplace_back("Content-Type", "application/json; charset=UTF-8");
  start.headers.emplace_back("X-Upload-Content-Length", std::to_string(job_.size));
  start.headers.emplace_back("X-Upload-Content-Type", job_.content_type);
  start.body = resource.dump();
  HttpResponse reply = client_.send(start);
  if (!reply.error.empty() || reply.status != 200) return Status::error(client_.failure(reply, "POST " + url));
  auto location = reply.header("Location");
  if (!location || (location->rfind("https://", 0) != 0 && location->rfind("http://", 0) != 0))
    return Status::error("POST " + url + ": the reply has no session URI (Location header)");
  session_uri_ = *location;
  return Status::ok();
}

HttpRequest YouTubeResumableUpload::session_request() const {
  HttpRequest put = client_.request("PUT", session_uri_, client_.bearer());
  // The session decides what a failed chunk means: no blind resend of the same bytes.
  put.retry->max_attempts = 1;
  return put;
}

Status YouTubeResumableUpload::send_chunk(bool& finished, std::string& interruption, nlohmann::json& video) {
  const std::uint64_t length = std::min(chunk_size_, job_.size - offset_);
  HttpRequest put = session_request();
  put.headers.emplace_back("Content-Type", job_.content_type);
  put.headers.emplace_back("Content-Range", content_range(offset_, length, job_.size));
  if (Status read = read_file_slice(job_.source, offset_, length, put.body); !read) return read;
  ctx_.progress(0.05 + 0.85 * static_cast<double>(offset_) / static_cast<double>(job_.size),
                "bytes " + std::to_string(offset_) + "/" + std::to_string(job_.size));
  const std::string what = "PUT bytes " + std::to_string(offset_) + "-" + std::to_string(offset_ + length - 1);
  HttpResponse reply = client_.send(put);
  if (interrupted(reply)) {
    interruption = client_.failure(reply, what);
    return Status::ok();
  }
  return take_reply(reply, what, finished, video);
}

Status YouTubeResumableUpload::ask_status(bool& finished, nlohmann::json& video) {
  HttpRequest query = session_request();
  query.retry = client_.settings().retry;  // an empty question may be asked again
  query.headers.emplace_back("Content-Range", unknown_content_range(job_.size));
  HttpResponse reply = client_.send(query);
  return take_reply(reply, "upload status query", finished, video);
}

Status YouTubeResumableUpload::take_reply(const HttpResponse& reply, std::string_view what, bool& finished,
                                          nlohmann::json& video) {
  if (reply.error.empty() && finished_status(reply.status)) {
    finished = true;
    return client_.read_json(reply, what, video);
  }
  if (reply.error.empty() && reply.status == 308) {
    auto range = reply.header("Range");
    std::optional<std::uint64_t> received = range ? received_through(*range) : std::uint64_t{0};
    if (!received || *received > job_.size)
      return Status::error(std::string(what) + ": 308 with a Range the upload cannot follow: '" + *range + "'");
    offset_ = *received;
    return Status::ok();
  }
  if (reply.error.empty() && (reply.status == 404 || reply.status == 410))
    return Status::error(client_.failure(reply, what, "the upload session expired"));
  return Status::error(client_.failure(reply, what));
}

}  // namespace reelflow::uploader
