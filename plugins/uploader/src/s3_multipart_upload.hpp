#pragma once
// An S3 multipart upload of one file: CreateMultipartUpload, one UploadPart per
// slice of the file (each read into memory, so memory stays bounded by the part
// size), CompleteMultipartUpload; AbortMultipartUpload when anything fails, so
// no orphaned parts keep costing storage (after a cancel the runtime's client
// sends nothing, so that case is left to the bucket's lifecycle rules).
#include "s3_client.hpp"
#include "upload_job.hpp"

#include <reelflow/stage_context.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace reelflow::uploader {

class S3MultipartUpload {
 public:
  S3MultipartUpload(const S3Client& client, StageContext& ctx, const UploadJob& job, std::uint64_t part_size);

  Status run();

 private:
  Status create();
  Status upload_part(int number, std::uint64_t offset, std::uint64_t length);
  Status complete();
  void abort();

  const S3Client& client_;
  StageContext& ctx_;
  const UploadJob& job_;
  std::uint64_t part_size_;
  std::string upload_id_;
  std::vector<std::string> etags_;
};

}  // namespace reelflow::uploader
