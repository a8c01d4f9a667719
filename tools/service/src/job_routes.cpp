// The /api/v1/jobs routes of ApiServer (downloads: output_route.cpp; events:
// event_stream_route.cpp; batches: batch_routes.cpp).
#include "api_server.hpp"
#include "job_listing.hpp"
#include "job_store.hpp"
#include "json_reply.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace reelflow::service {
LoadedGraph ApiServer::load_job_graph(const Job& job) const {
  // Exactly as `reelflow validate` would, with the job's variables as a job's (untrusted).
  const std::string file = job.is_upload() ? "upload.yaml" : options_.catalog.find(job.graph)->file.filename().string();
  return runtime_.load_graph_string(job.graph_yaml, file, job.variables, graph_environment(job), VariableSource::Job,
                                    job.graph_parts, graph_dir_of(job));
}

void ApiServer::post_job(const httplib::Request&, httplib::Response& res, const std::string& body) {
  auto parsed = parse_job_request(body, options_.catalog, options_.policy);
  if (auto* error = std::get_if<RequestError>(&parsed)) return reply_error(res, 400, error->message);
  Job& job = std::get<Job>(parsed);
  // Validated now: a bad graph is never queued.
  LoadedGraph graph = load_job_graph(job);
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
    if (!state) return reply_error(res, 400, "unknown state (queued, running, succeeded, failed, cancelled)");
  }
  std::size_t limit = 50;
  if (req.has_param("limit")) {
    try {
      limit = std::clamp<std::size_t>(std::stoul(req.get_param_value("limit")), 1, 1000);
    } catch (...) {
      return reply_error(res, 400, "limit must be a number from 1 to 1000");
    }
  }
  auto redis = redis_.borrow();
  nlohmann::json jobs = nlohmann::json::array();
  for (const auto& job : JobStore(*redis, options_.keys).list(limit, state)) jobs.push_back(listing_json(job));
  reply_json(res, 200, {{"jobs", jobs}});
}

void ApiServer::get_job(const httplib::Request& req, httplib::Response& res) {
  const bool with_graph = req.has_param("graph");
  auto redis = redis_.borrow();
  JobStore store(*redis, options_.keys);
  auto job = with_graph ? store.get(req.matches[1]) : store.summary(req.matches[1]);
  if (!job) return reply_error(res, 404, "no such job");
  reply_json(res, 200, job->to_json(with_graph));
}

void ApiServer::cancel_job(const httplib::Request& req, httplib::Response& res, const std::string&) {
  auto redis = redis_.borrow();
  switch (JobStore(*redis, options_.keys).cancel(req.matches[1])) {
    case CancelResult::Cancelled: return reply_json(res, 200, {{"state", "cancelled"}});
    case CancelResult::Cancelling: return reply_json(res, 202, {{"state", "running"}, {"cancel_requested", true}});
    case CancelResult::NotFound: return reply_error(res, 404, "no such job");
    case CancelResult::AlreadyFinished: return reply_error(res, 409, "the job has already finished");
  }
}

void ApiServer::delete_job(const httplib::Request& req, httplib::Response& res, const std::string&) {
  const std::string id = req.matches[1];
  DeleteResult result;
  {
    auto redis = redis_.borrow();
    result = JobStore(*redis, options_.keys).remove(id);
  }
  switch (result) {
    case DeleteResult::NotFound: return reply_error(res, 404, "no such job");
    case DeleteResult::StillActive: return reply_error(res, 409, "the job is queued or running: cancel it first");
    case DeleteResult::Deleted: break;
  }
  remove_job_files(id);
  res.status = 204;
}

void ApiServer::remove_job_files(const std::string& id) const {
  // The record goes first: a file can outlive it for a moment, never the other way round.
  // The id is the route's or a batch record's: only hex digits make a path here.
  if (id.empty() || id.find_first_not_of("0123456789abcdef") != std::string::npos) return;
  std::error_code ec;
  std::filesystem::remove_all(options_.data_dir / "jobs" / id, ec);
}

}  // namespace reelflow::service
