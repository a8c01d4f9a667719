#pragma once
// target: tiktok — TikTok Content Posting API, direct post from a file: init the
// post (title, privacy, chunk plan), PUT the chunks to the upload URL it gives,
// then poll the publish status until PUBLISH_COMPLETE or FAILED.
#include "publishing_metadata.hpp"
#include "upload_job.hpp"

#include <reelflow/stage_context.hpp>

#include <string>

namespace reelflow::uploader {

Status publish_tiktok(StageContext& ctx, const UploadJob& job, const PublishingMetadata& metadata,
                      std::string& location);

}  // namespace reelflow::uploader
