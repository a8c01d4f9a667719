#pragma once
// The `uploader` stage: publishes the file on its `file` input to a local
// directory, an HTTP/WebDAV server, an S3-compatible store, YouTube, TikTok or
// Instagram, and outputs where it now lives. It reports success only once the
// destination confirmed the complete file (size check after the copy, HEAD after
// an upload, the platform's final answer).
#include <reelflow/stage.hpp>
#include <reelflow/stage_spec.hpp>

namespace reelflow::uploader {

class UploaderStage : public Stage {
 public:
  static void setup(StageSpec& spec);
  Status process(StageContext& ctx) override;
};

}  // namespace reelflow::uploader
