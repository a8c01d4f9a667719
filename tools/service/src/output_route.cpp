// GET /api/v1/jobs/<id>/outputs/<name>: one of a finished job's files, with one byte
// range per request (a <video> seeks with them). Whatever the reason a file is not
// served (no such job, not listed, gone, a link, not a regular file) the answer is
// the same 404, so the answer tells nothing about the data dir. A large download is
// a long response, like an event stream: it is served on a thread of its own (a slow
// reader must not keep a request thread), at most --max-downloads at once.
#include "api_server.hpp"
#include "byte_range.hpp"
#include "hardened_server.hpp"
#include "job_store.hpp"
#include "json_reply.hpp"
#include "output_file.hpp"
#include "request_threads.hpp"
#include "route_guard.hpp"

#include <httplib.h>

#include <array>
#include <map>

namespace reelflow::service {
namespace {

std::string content_type_of(const std::string& name) {
  static const std::map<std::string, std::string> kTypes{
      {".mp4", "video/mp4"}, {".m4a", "audio/mp4"},      {".wav", "audio/wav"},  {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"}, {".png", "image/png"},    {".json", "application/json"},
      {".srt", "application/x-subrip"}, {".vtt", "text/vtt"}, {".txt", "text/plain; charset=utf-8"}};
  auto it = kTypes.find(std::filesystem::path(name).extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

// What fits the kernel's socket buffers: sent at once, on the request's own thread.
constexpr std::uint64_t kSmallDownload = 256 * 1024;

// Serves [first, first + length) of the open file, read from its fd; `slot` is held
// until the response is done.
void serve_bytes(httplib::Response& res, const std::string& what, OutputFile file, std::uint64_t first,
                 std::uint64_t length, const std::string& type, std::shared_ptr<StreamSlots::Slot> slot) {
  if (length == 0) return res.set_content("", type);
  auto fd = std::make_shared<UniqueFd>(std::move(file.fd));
  res.set_content_provider(length, type, guarded(what, [fd, first, slot](size_t offset, size_t left, httplib::DataSink& sink) {
    std::array<char, 64 * 1024> buffer;
    const ssize_t n = ::pread(fd->get(), buffer.data(), std::min(left, buffer.size()), static_cast<off_t>(first + offset));
    if (n <= 0) return false;  // the file shrank since it was opened: the response cannot be completed
    return sink.write(buffer.data(), static_cast<size_t>(n));
  }));
}

}  // namespace

void ApiServer::get_output(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  const std::string name = req.matches[2];
  std::optional<Job> job;
  {
    auto redis = redis_.borrow();
    job = JobStore(*redis, options_.keys).summary(id);
  }
  auto file = job ? open_output(options_.data_dir, *job, id, name) : std::nullopt;
  if (!file) return reply_error(res, 404, "no such output (GET the job to list them)");

  const std::uint64_t size = file->size;
  const std::string type = content_type_of(name);
  res.set_header("Accept-Ranges", "bytes");
  const RangeRequest range = parse_range(req.get_header_value("Range"), size);
  const std::uint64_t length = range.kind == RangeRequest::Kind::Single ? range.length : size;
  std::shared_ptr<StreamSlots::Slot> slot;
  if (length > kSmallDownload && range.kind != RangeRequest::Kind::Unsatisfiable &&
      range.kind != RangeRequest::Kind::Multiple) {
    slot = downloads_.take();
    if (!slot) {
      res.set_header("Retry-After", "5");
      return reply_error(res, 503, "too many downloads at once (at most " + std::to_string(downloads_.max()) +
                                       "); try again later");
    }
    RequestThreads::hand_off_current();
    HardenedServer::close_after_response();
    res.set_header("Connection", "close");  // the thread ends with the download
  }
  switch (range.kind) {
    case RangeRequest::Kind::Whole:
      res.status = 200;
      return serve_bytes(res, "download of job " + id, std::move(*file), 0, size, type, std::move(slot));
    case RangeRequest::Kind::Single:
      res.status = 206;
      res.set_header("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                          std::to_string(range.first + range.length - 1) + "/" + std::to_string(size));
      return serve_bytes(res, "download of job " + id, std::move(*file), range.first, range.length, type,
                         std::move(slot));
    case RangeRequest::Kind::Multiple:
      res.set_header("Content-Range", "bytes */" + std::to_string(size));
      return reply_error(res, 416, "one range per request");
    case RangeRequest::Kind::Unsatisfiable:
      res.set_header("Content-Range", "bytes */" + std::to_string(size));
      return reply_error(res, 416, "the range is not within the file's " + std::to_string(size) + " bytes");
  }
}

}  // namespace reelflow::service
