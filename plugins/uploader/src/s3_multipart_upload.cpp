#include "s3_multipart_upload.hpp"

#include "file_slice.hpp"
#include "s3_xml.hpp"

namespace reelflow::uploader {

S3MultipartUpload::S3MultipartUpload(const S3Client& client, StageContext& ctx, const UploadJob& job,
                                     std::uint64_t part_size)
    : client_(client), ctx_(ctx), job_(job), part_size_(part_size) {}

Status S3MultipartUpload::run() {
  if (Status created = create(); !created) return created;
  std::uint64_t parts = (job_.size + part_size_ - 1) / part_size_;
  for (std::uint64_t i = 0; i < parts; ++i) {
    Status uploaded = ctx_.cancelled() ? Status::error("cancelled") : Status::ok();
    if (uploaded) {
      std::uint64_t offset = i * part_size_;
      uploaded = upload_part(static_cast<int>(i + 1), offset, std::min(part_size_, job_.size - offset));
    }
    if (!uploaded) {
      abort();
      return uploaded;
    }
    ctx_.progress(0.05 + 0.85 * static_cast<double>(i + 1) / static_cast<double>(parts),
                  "part " + std::to_string(i + 1) + "/" + std::to_string(parts));
  }
  if (Status completed = complete(); !completed) {
    abort();
    return completed;
  }
  return Status::ok();
}

Status S3MultipartUpload::create() {
  S3Call call;
  call.method = "POST";
  call.query = {{"uploads", ""}};
  call.headers = {{"Content-Type", job_.content_type}};
  HttpResponse response = client_.send(call);
  if (!response.ok() || is_s3_error(response.body))
    return Status::error(client_.failure(response, "CreateMultipartUpload"));
  auto id = xml_element_text(response.body, "UploadId");
  if (!id || id->empty())
    return Status::error("CreateMultipartUpload " + client_.address().url() + ": response has no UploadId");
  upload_id_ = *id;
  return Status::ok();
}

Status S3MultipartUpload::upload_part(int number, std::uint64_t offset, std::uint64_t length) {
  S3Call call;
  call.method = "PUT";
  call.query = {{"partNumber", std::to_string(number)}, {"uploadId", upload_id_}};
  if (Status read = read_file_slice(job_.source, offset, length, call.body); !read)
    return Status::error("part " + std::to_string(number) + ": " + read.message());

  HttpResponse response = client_.send(std::move(call));
  std::string operation = "UploadPart " + std::to_string(number);
  if (response.status != 200 || !response.error.empty()) return Status::error(client_.failure(response, operation));
  auto etag = response.header("ETag");
  if (!etag || etag->empty())
    return Status::error(operation + " " + client_.address().url() + ": response has no ETag");
  etags_.push_back(*etag);
  return Status::ok();
}

Status S3MultipartUpload::complete() {
  S3Call call;
  call.method = "POST";
  call.query = {{"uploadId", upload_id_}};
  call.headers = {{"Content-Type", "application/xml"}};
  call.body = complete_multipart_xml(etags_);
  HttpResponse response = client_.send(call);
  // S3 can answer 200 and still report an error in the body.
  if (response.status != 200 || !response.error.empty() || is_s3_error(response.body))
    return Status::error(client_.failure(response, "CompleteMultipartUpload"));
  return Status::ok();
}

void S3MultipartUpload::abort() {
  S3Call call;
  call.method = "DELETE";
  call.query = {{"uploadId", upload_id_}};
  HttpResponse response = client_.send(call);
  if (!response.ok()) ctx_.log(LogLevel::Warn, client_.failure(response, "AbortMultipartUpload"));
}

}  // namespace reelflow::uploader
