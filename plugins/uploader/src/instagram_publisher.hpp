#pragma once
// target: instagram — Instagram Graph API Reels with a resumable upload: create a
// REELS media container, send the bytes to its rupload URI, poll the container until
// FINISHED, publish it, and look up the reel's permalink.
#include "publishing_metadata.hpp"
#include "upload_job.hpp"

#include <reelflow/stage_context.hpp>

#include <string>

namespace reelflow::uploader {

Status publish_instagram(StageContext& ctx, const UploadJob& job, const PublishingMetadata& metadata,
                         std::string& location);

}  // namespace reelflow::uploader
