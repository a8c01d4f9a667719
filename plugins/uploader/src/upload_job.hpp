#pragma once
// What one run of the stage publishes: the source file, its size, the name it
// gets at the destination and its content type. Every target works from this.
#include <reelflow/param.hpp>
#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

namespace reelflow::uploader {

struct UploadJob {
  std::filesystem::path source;  // a readable regular file
  std::uint64_t size = 0;
  std::string name;              // relative destination name; '/' separates folders
  std::string content_type;
};

// Resolves the job from the `file` input and the `name` param; the error says
// which of them is wrong.
Status make_upload_job(const Value& input, const ParamSet& params, UploadJob& job);

}  // namespace reelflow::uploader
