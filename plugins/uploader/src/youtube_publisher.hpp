#pragma once
// target: youtube — a YouTube Data API v3 resumable upload with the script's
// title, description and hashtags; the output is the video's https://youtu.be/ID.
#include "publishing_metadata.hpp"
#include "upload_job.hpp"

#include <reelflow/stage_context.hpp>

#include <string>

namespace reelflow::uploader {

Status publish_youtube(StageContext& ctx, const UploadJob& job, const PublishingMetadata& metadata,
                       std::string& location);

}  // namespace reelflow::uploader
