#include "upload_job.hpp"

#include "content_type.hpp"

#include <system_error>

namespace reelflow::uploader {
namespace {

// A destination name must stay inside its destination: relative, no "." or ".."
// segments, no empty segments, no control characters.
bool valid_destination_name(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.back() == '/') return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string::npos) end = name.size();
    std::string_view segment(name.data() + start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = end + 1;
  }
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  return true;
}

}  // namespace

Status make_upload_job(const Value& input, const ParamSet& params, UploadJob& job) {
  auto path = file_of(input);
  if (!path || path->empty())
    return Status::error("input 'file' carries no single file (got " + std::string(value_type_of(input)) + ")");

  std::error_code ec;
  auto status = std::filesystem::status(*path, ec);
  if (ec || !std::filesystem::exists(status))
    return Status::error("input file '" + path->string() + "' does not exist");
  if (!std::filesystem::is_regular_file(status))
    return Status::error("input file '" + path->string() + "' is not a regular file");
  job.size = std::filesystem::file_size(*path, ec);
  if (ec) return Status::error("cannot read size of input file '" + path->string() + "': " + ec.message());
  job.source = std::filesystem::absolute(*path, ec);
  if (ec) job.source = *path;

  job.name = params.str("name");
  if (job.name.empty()) job.name = job.source.filename().string();
  if (!valid_destination_name(job.name))
    return Status::error("param 'name' = '" + job.name +
                         "' is not a relative file name (no leading '/', no '.' or '..' parts)");

  const auto* file_ref = std::get_if<FileRef>(&input);
  job.content_type = file_ref && !file_ref->mime_type.empty() ? file_ref->mime_type
                                                               : guess_content_type(job.name);
  return Status::ok();
}

}  // namespace reelflow::uploader
