#pragma once
// target: s3 — uploads to an S3-compatible store (AWS S3, MinIO, …) with SigV4:
// one PutObject below multipart_threshold_mb, a multipart upload above it; then
// a HEAD must report the object with the size that was sent.
#include "upload_job.hpp"

#include <reelflow/stage_context.hpp>

#include <string>

namespace reelflow::uploader {

// On success `location` is the object's URL.
Status publish_s3(StageContext& ctx, const UploadJob& job, std::string& location);

}  // namespace reelflow::uploader
