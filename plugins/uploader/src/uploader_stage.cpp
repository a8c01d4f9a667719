#include "uploader_stage.hpp"

#include "http_publisher.hpp"
#include "instagram_publisher.hpp"
#include "local_publisher.hpp"
#include "publishing_metadata.hpp"
#include "s3_publisher.hpp"
#include "tiktok_publisher.hpp"
#include "upload_job.hpp"
#include "youtube_publisher.hpp"

#include <exception>

namespace reelflow::uploader {
namespace {

// youtube, tiktok, instagram: a video with the script's metadata.
Status publish_to_platform(StageContext& ctx, const std::string& target, const UploadJob& job, std::string& location) {
  if (job.size == 0) return Status::error("the file to publish is empty");
  PublishingMetadata metadata;
  if (Status read = read_publishing_metadata(ctx.input("publishing"), job.source, metadata); !read) return read;
  return target == "youtube" ? publish_youtube(ctx, job, metadata, location)
         : target == "tiktok" ? publish_tiktok(ctx, job, metadata, location)
                              : publish_instagram(ctx, job, metadata, location);
}

}  // namespace

void UploaderStage::setup(StageSpec& spec) {
  spec.describe("Publishes a file to a local directory, an HTTP/WebDAV server, an S3-compatible store, "
                "YouTube, TikTok or Instagram");
  spec.input("file", types::file, "The file to publish (a video output connects here too)");
  spec.input("publishing", kPublishingType, "youtube/tiktok/instagram: title, description and hashtags (llm_script)")
      .optional();
  spec.output("location", types::text, "Where the file now is: an absolute path or a URL");

  spec.param("target", "local", "Where to publish: local directory, HTTP PUT/WebDAV, S3, or a video platform")
      .one_of({"local", "http", "s3", "youtube", "tiktok", "instagram"});
  spec.param("name", "", "Destination file name or key suffix (may contain '/'); empty: the source's name");

  spec.param("dir", "", "local: destination directory (relative to the run's output dir); empty: <output>/published");

  spec.param("url", "", "http: base URL of the collection; the file goes to <url>/<name>");
  spec.param("username", "", "http: user for Basic auth");
  spec.param("password", "", "http: password for Basic auth").is_secret();
  spec.param("bearer_token", "", "http: token sent as 'Authorization: Bearer'").is_secret();

  spec.param("endpoint", "https://s3.amazonaws.com", "s3: service URL (AWS, MinIO, ...)");
  spec.param("bucket", "", "s3: bucket name");
  spec.param("region", "us-east-1", "s3: signing region");
  spec.param("key_prefix", "", "s3: prepended to the name to form the object key (e.g. 'videos/')");
  spec.param("access_key_id", "", "s3: access key id").is_secret();
  spec.param("secret_access_key", "", "s3: secret access key").is_secret();
  spec.param("session_token", "", "s3: session token of temporary credentials").is_secret();
  spec.param("path_style", true, "s3: <endpoint>/<bucket>/<key> (true) or <bucket>.<endpoint host>/<key>");
  spec.param("multipart_threshold_mb", 64, "s3: files of at least this many MiB use a multipart upload")
      .range(1, 5120);
  spec.param("part_size_mb", 16, "s3: multipart part size in MiB (grown when 10000 parts would not do)")
      .range(5, 5120);

  spec.param("api_base_url", "",
             "youtube/tiktok/instagram: the API's base URL; empty: the platform's own "
             "(https://www.googleapis.com, https://open.tiktokapis.com, https://graph.facebook.com)");
  spec.param("access_token", "", "youtube/tiktok/instagram: OAuth access token (from ${env:...})").is_secret();
  spec.param("youtube_privacy", "private", "youtube: privacyStatus of the new video")
      .one_of({"private", "unlisted", "public"});
  spec.param("youtube_category_id", "22", "youtube: video category id (22: People & Blogs)");
  spec.param("youtube_chunk_kb", 8192, "youtube: upload chunk size in KiB, a multiple of 256").range(256, 1 << 20);
  spec.param("tiktok_privacy", "SELF_ONLY", "tiktok: privacy_level of the post (unaudited apps: SELF_ONLY only)")
      .one_of({"SELF_ONLY", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "PUBLIC_TO_EVERYONE"});
  spec.param("tiktok_chunk_mb", 10, "tiktok: chunk size in MiB (TikTok takes 5-64 MB chunks)").range(5, 61);
  spec.param("instagram_user_id", "", "instagram: the Instagram professional account's numeric id");
  spec.param("instagram_api_version", "v21.0", "instagram: Graph API version");
  spec.param("poll_interval_s", 2.0, "tiktok/instagram: first pause between status checks (doubling, at most 16x)")
      .range(0.01, 60.0);
  spec.param("publish_timeout_s", 600.0, "tiktok/instagram: how long to wait for the platform to finish processing")
      .range(0.1, 86400.0);

  spec.param("max_attempts", 3, "network targets: attempts per request (retries on 5xx, 408, 429, network errors)")
      .range(1, 10);
  spec.param("timeout_s", 300.0, "network targets: time limit of one request attempt, in seconds")
      .range(1.0, 86400.0);

  // Where a file (and the secrets with it) goes is the graph file's to say.
  spec.trust("name", ParamTrust::Path)
      .trust("dir", ParamTrust::Path)
      .trust("url", ParamTrust::Url)
      .trust("username", ParamTrust::FreeText)
      .trust("endpoint", ParamTrust::Url)
      .trust("bucket", ParamTrust::Host)
      .trust("region", ParamTrust::Name)
      .trust("key_prefix", ParamTrust::Path)
      .trust("api_base_url", ParamTrust::Url)
      .trust("youtube_category_id", ParamTrust::Name)
      .trust("instagram_user_id", ParamTrust::Name)
      .trust("instagram_api_version", ParamTrust::Name)
      .uses_network_when("target", {"http", "s3", "youtube", "tiktok", "instagram"});
}

Status UploaderStage::process(StageContext& ctx) {
  try {
    const Value* input = ctx.input("file");
    if (!input) return Status::error("uploader: input 'file' is not connected");
    UploadJob job;
    if (Status ok = make_upload_job(*input, ctx.params(), job); !ok) return Status::error("uploader: " + ok.message());

    const std::string& target = ctx.params().str("target");
    std::string location;
    Status published = target == "http"    ? publish_http(ctx, job, location)
                       : target == "s3"    ? publish_s3(ctx, job, location)
                       : target == "local" ? publish_local(ctx, job, location)
                                           : publish_to_platform(ctx, target, job, location);
    if (!published) return Status::error("uploader (" + target + "): " + published.message());

    ctx.log(LogLevel::Info, "published '" + job.source.filename().string() + "' (" + std::to_string(job.size) +
                                " bytes) to " + location);
    ctx.set_output("location", Text{location});
    return Status::ok();
  } catch (const std::exception& e) {
    return Status::error(std::string("uploader: ") + e.what());
  }
}

}  // namespace reelflow::uploader
