// The uploader plugin: one stage type, `uploader`.
#include "uploader_stage.hpp"

#include <reelflow/plugin.hpp>

REELFLOW_PLUGIN("uploader", "0.1.0", "Publishes files to a directory, HTTP/WebDAV or S3") {
  registrar.add<reelflow::uploader::UploaderStage>("uploader");
}
