#include "s3_publisher.hpp"

#include "failure_message.hpp"
#include "s3_client.hpp"
#include "s3_multipart_upload.hpp"
#include "sha256.hpp"

namespace reelflow::uploader {
namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr std::uint64_t kMaxParts = 10'000;  // S3's limit per upload

Status put_object(const S3Client& client, StageContext& ctx, const UploadJob& job) {
  auto hash = sha256_file_hex(job.source);
  if (!hash) return Status::error("cannot read '" + job.source.string() + "'");
  if (ctx.cancelled()) return Status::error("cancelled");
  ctx.progress(0.1, "PutObject " + job.name);
  S3Call call;
  call.method = "PUT";
  call.headers = {{"Content-Type", job.content_type}};
  call.body_file = job.source;
  call.payload_sha256 = *hash;
  HttpResponse response = client.send(call);
  if (response.status != 200 || !response.error.empty()) return Status::error(client.failure(response, "PutObject"));
  return Status::ok();
}

// The store has the object only if it reports it with the size we sent.
Status confirm_size(const S3Client& client, const UploadJob& job) {
  S3Call call;
  call.method = "HEAD";
  HttpResponse head = client.send(call);
  if (head.status != 200 || !head.error.empty())
    return Status::error(client.failure(head, "upload not confirmed: HeadObject"));
  auto length = head.header("Content-Length");
  std::string expected = std::to_string(job.size);
  if (!length || *length != expected)
    return Status::error("upload not confirmed: HeadObject " + client.address().url() + " reports " +
                         (length ? *length + " bytes" : "no Content-Length") + ", sent " + expected + " bytes");
  return Status::ok();
}

// Parts of part_size_mb, grown when the file would need more than S3's 10 000 parts.
std::uint64_t part_size_for(const UploadJob& job, std::int64_t part_size_mb) {
  std::uint64_t part = static_cast<std::uint64_t>(part_size_mb) * kMiB;
  std::uint64_t needed = (job.size + kMaxParts - 1) / kMaxParts;
  if (needed > part) part = (needed + kMiB - 1) / kMiB * kMiB;
  return part;
}

Status required(const ParamSet& params, std::string_view name) {
  if (params.str(name).empty()) return Status::error("target 's3' needs param '" + std::string(name) + "'");
  return Status::ok();
}

}  // namespace

Status publish_s3(StageContext& ctx, const UploadJob& job, std::string& location) {
  const ParamSet& params = ctx.params();
  for (const char* name : {"endpoint", "bucket", "region", "access_key_id", "secret_access_key"})
    if (Status ok = required(params, name); !ok) return ok;

  std::string error;
  auto address = make_s3_address(params.str("endpoint"), params.str("bucket"),
                                 params.str("key_prefix") + job.name, params.flag("path_style"), error);
  if (!address) return Status::error(error);
  SigV4Signer signer({params.str("access_key_id"), params.str("secret_access_key"), params.str("session_token")},
                     params.str("region"), "s3");
  S3Client client(ctx.http(), *address, std::move(signer), TransferSettings::from(ctx));

  std::uint64_t threshold = static_cast<std::uint64_t>(params.integer("multipart_threshold_mb")) * kMiB;
  Status uploaded = Status::ok();
  if (job.size < threshold) {
    uploaded = put_object(client, ctx, job);
  } else {
    std::uint64_t part_size = part_size_for(job, params.integer("part_size_mb"));
    ctx.log(LogLevel::Info, "multipart upload of " + std::to_string(job.size) + " bytes in parts of " +
                                std::to_string(part_size) + " bytes");
    uploaded = S3MultipartUpload(client, ctx, job, part_size).run();
  }
  if (!uploaded) return Status::error(redact(uploaded.message(), client.secrets()));

  ctx.progress(0.95, "verifying " + job.name);
  if (Status confirmed = confirm_size(client, job); !confirmed)
    return Status::error(redact(confirmed.message(), client.secrets()));
  location = client.address().url();
  ctx.progress(1.0, "published");
  return Status::ok();
}

}  // namespace reelflow::uploader
