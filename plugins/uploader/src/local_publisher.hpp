#pragma once
// target: local — copies the file into a directory atomically: a temp file in the
// destination directory, fsync, size check, rename, fsync of the directory.
#include "upload_job.hpp"

#include <reelflow/stage_context.hpp>

#include <string>

namespace reelflow::uploader {

// On success `location` is the absolute path of the published file.
Status publish_local(StageContext& ctx, const UploadJob& job, std::string& location);

}  // namespace reelflow::uploader
