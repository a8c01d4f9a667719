#pragma once
// YouTube Data API v3 resumable upload of one file: POST the video resource to
// open a session (its URI comes back in Location), PUT the file in chunks with
// Content-Range, follow 308 Resume Incomplete's Range, and after a 5xx or a
// dropped connection ask the session what it has ("bytes */TOTAL") and go on from
// there. Refused credentials and other 4xx end the upload at once.
#include "platform_client.hpp"
#include "upload_job.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace reelflow::uploader {

class YouTubeResumableUpload {
 public:
  // `chunk_size` is a multiple of 256 KiB (YouTube's unit for all but the last chunk).
  YouTubeResumableUpload(StageContext& ctx, const PlatformClient& client, const UploadJob& job,
                         std::uint64_t chunk_size);

  // Uploads the file with `resource` as its metadata; on success `video` is the
  // video resource YouTube answered with.
  Status run(const nlohmann::json& resource, nlohmann::json& video);

 private:
  Status open_session(const nlohmann::json& resource);
  // The chunk at offset_. Sets `finished` (and video) when the server answered 200/201,
  // `interruption` (what happened) after a 5xx or a broken connection.
  Status send_chunk(bool& finished, std::string& interruption, nlohmann::json& video);
  // "bytes */TOTAL": moves offset_ to what the session reports having.
  Status ask_status(bool& finished, nlohmann::json& video);
  // 200/201 finish; 308 moves offset_ to its Range; anything else is returned as is.
  Status take_reply(const HttpResponse& reply, std::string_view what, bool& finished, nlohmann::json& video);
  HttpRequest session_request() const;

  StageContext& ctx_;
  const PlatformClient& client_;
  const UploadJob& job_;
  std::uint64_t chunk_size_;
  std::string session_uri_;
  std::uint64_t offset_ = 0;  // bytes the session has
};

}  // namespace reelflow::uploader
