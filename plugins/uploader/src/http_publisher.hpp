#pragma once
// target: http — PUTs the file (streamed from disk) to <url>/<name> on a WebDAV
// or plain PUT server, first creating the name's parent collections with MKCOL,
// then confirms with a HEAD whose Content-Length must equal the size.
#include "upload_job.hpp"

#include <reelflow/stage_context.hpp>

#include <string>

namespace reelflow::uploader {

// On success `location` is the URL of the uploaded file.
Status publish_http(StageContext& ctx, const UploadJob& job, std::string& location);

}  // namespace reelflow::uploader
