// The /api/v1/jobs routes of ApiServer.
#include "api_server.hpp"
#include "job_store.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace reelflow::service {
namespace {

nlohmann::json diagnostics_json(const Diagnostics& diagnostics) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : diagnostics)
    list.push_back({{"file", d.location.file},
                    {"line", d.location.line},
                    {"column", d.location.column},
                    {"message", d.message},
                    {"expected", d.expected},
                    {"text", d.to_string()}});
  return list;
}

std::string content_type_of(const std::filesystem::path& file) {
  static const std::map<std::string, std::string> kTypes{
      {".mp4", "video/mp4"}, {".m4a", "audio/mp4"},      {".wav", "audio/wav"},  {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"}, {".png", "image/png"},    {".json", "application/json"},
      {".srt", "application/x-subrip"}, {".vtt", "text/vtt"}, {".txt", "text/plain; charset=utf-8"}};
  auto it = kTypes.find(file.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

void reply_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

}  // namespace

void ApiServer::post_job(const httplib::Request& req, httplib::Response& res) {
  auto parsed = parse_job_request(req.body, options_.catalog, options_.policy);
  if (auto* error = std::get_if<RequestError>(&parsed)) return reply_json(res, 400, {{"error", error->message}});
  Job& job = std::get<Job>(parsed);
  // Validate now, exactly as `reelflow validate` would: a bad graph is never queued.
  const std::string file = job.is_upload() ? "upload.yaml" : options_.catalog.find(job.graph)->file.filename().string();
  LoadedGraph graph = runtime_.load_graph_string(job.graph_yaml, file, job.variables, graph_environment(job));
  if (!graph.ok())
    return reply_json(res, 400, {{"error", "invalid graph"}, {"diagnostics", diagnostics_json(graph.diagnostics())}});
  auto redis = redis_.borrow();
  JobStore(*redis, options_.keys).submit(job);
  res.set_header("Location", "/api/v1/jobs/" + job.id);
  reply_json(res, 201, job.to_json());
}

void ApiServer::list_jobs(const httplib::Request& req, httplib::Response& res) {
  std::optional<JobState> state;
  if (req.has_param("state")) {
    state = parse_job_state(req.get_param_value("state"));
    if (!state) return reply_json(res, 400, {{"error", "unknown state (queued, running, succeeded, failed, cancelled)"}});
  }
  std::size_t limit = 50;
  if (req.has_param("limit")) {
    try {
      limit = std::clamp<std::size_t>(std::stoul(req.get_param_value("limit")), 1, 1000);
    } catch (...) {
      return reply_json(res, 400, {{"error", "limit must be a number from 1 to 1000"}});
    }
  }
  auto redis = redis_.borrow();
  nlohmann::json jobs = nlohmann::json::array();
  for (const auto& job : JobStore(*redis, options_.keys).list(limit, state)) jobs.push_back(job.to_json());
  reply_json(res, 200, {{"jobs", jobs}});
}

void ApiServer::get_job(const httplib::Request& req, httplib::Response& res) {
  auto redis = redis_.borrow();
  auto job = JobStore(*redis, options_.keys).get(req.matches[1]);
  if (!job) return reply_json(res, 404, {{"error", "no such job"}});
  reply_json(res, 200, job->to_json(req.has_param("graph")));
}

void ApiServer::cancel_job(const httplib::Request& req, httplib::Response& res) {
  auto redis = redis_.borrow();
  switch (JobStore(*redis, options_.keys).cancel(req.matches[1])) {
    case CancelResult::Cancelled: return reply_json(res, 200, {{"state", "cancelled"}});
    case CancelResult::Cancelling: return reply_json(res, 202, {{"state", "running"}, {"cancel_requested", true}});
    case CancelResult::NotFound: return reply_json(res, 404, {{"error", "no such job"}});
    case CancelResult::AlreadyFinished: return reply_json(res, 409, {{"error", "the job has already finished"}});
  }
}

void ApiServer::delete_job(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  DeleteResult result;
  {
    auto redis = redis_.borrow();
    result = JobStore(*redis, options_.keys).remove(id);
  }
  switch (result) {
    case DeleteResult::NotFound: return reply_json(res, 404, {{"error", "no such job"}});
    case DeleteResult::StillActive: return reply_json(res, 409, {{"error", "the job is queued or running: cancel it first"}});
    case DeleteResult::Deleted: break;
  }
  // The record goes first: a file can outlive it for a moment, never the other way round.
  std::error_code ec;
  std::filesystem::remove_all(options_.data_dir / "jobs" / id, ec);
  res.status = 204;
}

void ApiServer::get_output(const httplib::Request& req, httplib::Response& res) {
  std::optional<Job> job;
  {
    auto redis = redis_.borrow();
    job = JobStore(*redis, options_.keys).get(req.matches[1]);
  }
  if (!job) return reply_json(res, 404, {{"error", "no such job"}});
  const std::string name = req.matches[2];
  // Only files the job recorded are served, so no path can leave its output dir.
  if (std::find(job->outputs.begin(), job->outputs.end(), name) == job->outputs.end())
    return reply_json(res, 404, {{"error", "no such output (GET the job to list them)"}});
  const auto file = options_.data_dir / job->output_dir / name;
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return reply_json(res, 410, {{"error", "the output is gone from the data dir"}});
  auto in = std::make_shared<std::ifstream>(file, std::ios::binary);
  res.set_content_provider(size, content_type_of(file),
                           [in](size_t offset, size_t length, httplib::DataSink& sink) {
                             std::array<char, 64 * 1024> buf;
                             in->seekg(static_cast<std::streamoff>(offset));
                             const auto n = std::min(length, buf.size());
                             in->read(buf.data(), static_cast<std::streamsize>(n));
                             if (in->gcount() <= 0) return false;
                             sink.write(buf.data(), static_cast<size_t>(in->gcount()));
                             return true;
                           });
}

}  // namespace reelflow::service
