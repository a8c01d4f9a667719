#include "instagram_publisher.hpp"

#include "platform_client.hpp"
#include "status_poller.hpp"

#include <algorithm>
#include <regex>

namespace reelflow::uploader {
namespace {

using nlohmann::json;

constexpr PlatformEndpoint kInstagram{"instagram", "https://graph.facebook.com", "INSTAGRAM_ACCESS_TOKEN"};
constexpr std::size_t kMaxCaptionBytes = 2200;  // Instagram's caption limit is 2200 characters

// Graph API ids go into request paths: digits only.
bool graph_id(const std::string& id) {
  return !id.empty() && id.size() <= 32 &&
         std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string caption_of(const PublishingMetadata& metadata) {
  std::string caption = metadata.title;
  if (!metadata.hashtags.empty()) caption += "\n\n" + metadata.hashtag_line();
  return truncate_utf8(caption, kMaxCaptionBytes);
}

class InstagramPublisher {
 public:
  InstagramPublisher(StageContext& ctx, const PlatformClient& client, const UploadJob& job, std::string user_id,
                     std::string version)
      : ctx_(ctx),
        client_(client),
        job_(job),
        api_(client.base_url() + "/" + version + "/"),
        user_(std::move(user_id)) {}

  Status run(const PublishingMetadata& metadata, std::string& location) {
    if (Status created = create_container(metadata); !created) return created;
    if (Status uploaded = upload(); !uploaded) return uploaded;
    if (Status ready = wait_until_finished(); !ready) return ready;
    std::string media_id;
    if (Status published = publish(media_id); !published) return published;
    location = permalink(media_id);
    return Status::ok();
  }

 private:
  // A Graph API call: its reply must be a JSON object.
  Status call(HttpResponse reply, const std::string& what, json& answer) {
    if (!reply.ok()) return Status::error(client_.failure(reply, what));
    return client_.read_json(reply, what, answer);
  }

  Status create_container(const PublishingMetadata& metadata) {
    const std::string url = api_ + user_ + "/media";
    json body = {{"media_type", "REELS"}, {"upload_type", "resumable"}, {"caption", caption_of(metadata)}};
    json answer;
    if (Status ok = call(client_.send_json("POST", url, body), "POST " + url, answer); !ok) return ok;
    container_ = json_string(answer, {"id"});
    upload_uri_ = json_string(answer, {"uri"});
    if (!graph_id(container_) || (upload_uri_.rfind("https://", 0) != 0 && upload_uri_.rfind("http://", 0) != 0))
      return Status::error("POST " + url + ": the reply has no container id or upload uri");
    return Status::ok();
  }

  // The whole file from offset 0, streamed from disk, to the rupload endpoint.
  Status upload() {
    ctx_.progress(0.05, "uploading to container " + container_);
    HttpRequest post = client_.request("POST", upload_uri_, "OAuth " + client_.token());
    post.headers.emplace_back("offset", "0");
    post.headers.emplace_back("file_size", std::to_string(job_.size));
    post.headers.emplace_back("Content-Type", "application/octet-stream");
    post.body_file = job_.source;
    json answer;
    const std::string what = "POST " + upload_uri_;
    if (Status ok = call(client_.send(post), what, answer); !ok) return ok;
    if (!answer.value("success", false))
      return Status::error(what + ": upload not accepted: " + json_string(answer, {"debug_info", "message"}) +
                           json_string(answer, {"message"}));
    return Status::ok();
  }

  Status wait_until_finished() {
    const std::string url = api_ + container_ + "?fields=status_code,status";
    return poll_until_done(ctx_, "Instagram container " + container_, [&](bool& done, std::string& state) {
      json answer;
      if (Status ok = call(client_.send(client_.request("GET", url, client_.bearer())), "GET " + url, answer); !ok)
        return ok;
      state = json_string(answer, {"status_code"});
      if (state == "ERROR" || state == "EXPIRED") {
        const std::string status = json_string(answer, {"status"});
        return Status::error("Instagram container " + container_ + " " + state + ": " +
                             (status.empty() ? "no status given" : status));
      }
      done = state == "FINISHED" || state == "PUBLISHED";
      return Status::ok();
    });
  }

  Status publish(std::string& media_id) {
    const std::string url = api_ + user_ + "/media_publish";
    json answer;
    if (Status ok = call(client_.send_json("POST", url, {{"creation_id", container_}}), "POST " + url, answer); !ok)
      return ok;
    media_id = json_string(answer, {"id"});
    if (!graph_id(media_id)) return Status::error("POST " + url + ": the reply has no media id");
    return Status::ok();
  }

  // The reel's public URL; published is published, so a failed lookup only warns.
  std::string permalink(const std::string& media_id) {
    const std::string url = api_ + media_id + "?fields=permalink";
    json answer;
    Status looked_up = call(client_.send(client_.request("GET", url, client_.bearer())), "GET " + url, answer);
    std::string link = looked_up ? json_string(answer, {"permalink"}) : "";
    if (link.rfind("https://", 0) == 0) return link;
    ctx_.log(LogLevel::Warn, "published as media " + media_id +
                                 " but no permalink: " + (looked_up ? "the reply has none" : looked_up.message()));
    return "instagram:" + media_id;
  }

  StageContext& ctx_;
  const PlatformClient& client_;
  const UploadJob& job_;
  std::string api_;  // <base>/<version>/
  std::string user_;
  std::string container_;
  std::string upload_uri_;
};

}  // namespace

Status publish_instagram(StageContext& ctx, const UploadJob& job, const PublishingMetadata& metadata,
                         std::string& location) {
  const ParamSet& params = ctx.params();
  const std::string& user = params.str("instagram_user_id");
  if (!graph_id(user))
    return Status::error("target 'instagram' needs param 'instagram_user_id' (the professional account's numeric id), "
                         "got '" + user + "'");
  const std::string& version = params.str("instagram_api_version");
  if (!std::regex_match(version, std::regex("v[0-9]{1,3}\\.[0-9]{1,3}")))
    return Status::error("param 'instagram_api_version' = '" + version + "' is not a Graph API version like v21.0");
  PlatformClient client;
  if (Status opened = PlatformClient::open(ctx, kInstagram, client); !opened) return opened;
  InstagramPublisher publisher(ctx, client, job, user, version);
  if (Status published = publisher.run(metadata, location); !published) return published;
  ctx.progress(1.0, "published");
  return Status::ok();
}

}  // namespace reelflow::uploader
