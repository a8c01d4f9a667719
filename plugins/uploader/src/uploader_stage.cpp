#include "uploader_stage.hpp"

#include "http_publisher.hpp"
#include "local_publisher.hpp"
#include "s3_publisher.hpp"
#include "upload_job.hpp"

#include <exception>

namespace reelflow::uploader {

void UploaderStage::setup(StageSpec& spec) {
  spec.describe("Publishes a file to a local directory, an HTTP/WebDAV server or an S3-compatible store");
  spec.input("file", types::file, "The file to publish (a video output connects here too)");
  spec.output("location", types::text, "Where the file now is: an absolute path or a URL");

  spec.param("target", "local", "Where to publish: local directory, HTTP PUT/WebDAV, or S3")
      .one_of({"local", "http", "s3"});
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

  spec.param("max_attempts", 3, "http/s3: attempts per request (retries on 5xx, 408, 429, network errors)")
      .range(1, 10);
  spec.param("timeout_s", 300.0, "http/s3: time limit of one request attempt, in seconds").range(1.0, 86400.0);

  // Where a file (and the secrets with it) goes is the graph file's to say.
  spec.trust("name", ParamTrust::Path)
      .trust("dir", ParamTrust::Path)
      .trust("url", ParamTrust::Url)
      .trust("username", ParamTrust::FreeText)
      .trust("endpoint", ParamTrust::Url)
      .trust("bucket", ParamTrust::Host)
      .trust("region", ParamTrust::Name)
      .trust("key_prefix", ParamTrust::Path)
      .uses_network_when("target", {"http", "s3"});
}

Status UploaderStage::process(StageContext& ctx) {
  try {
    const Value* input = ctx.input("file");
    if (!input) return Status::error("uploader: input 'file' is not connected");
    UploadJob job;
    if (Status ok = make_upload_job(*input, ctx.params(), job); !ok) return Status::error("uploader: " + ok.message());

    const std::string& target = ctx.params().str("target");
    std::string location;
    Status published = target == "http" ? publish_http(ctx, job, location)
                       : target == "s3" ? publish_s3(ctx, job, location)
                                        : publish_local(ctx, job, location);
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
