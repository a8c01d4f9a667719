// The /api/v1/batches routes of ApiServer: one job per topic, submitted all or none.
#include "api_server.hpp"
#include "batch_request.hpp"
#include "batch_store.hpp"
#include "job_listing.hpp"
#include "job_store.hpp"
#include "json_reply.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace reelflow::service {

void ApiServer::post_batch(const httplib::Request&, httplib::Response& res, const std::string& body) {
  auto parsed = parse_batch_request(body, options_.catalog, options_.policy);
  if (auto* error = std::get_if<RequestError>(&parsed)) return reply_error(res, 400, error->message);
  BatchRequest& request = std::get<BatchRequest>(parsed);
  // Every topic's job is validated before any is queued: a batch with a bad topic queues nothing.
  nlohmann::json refused = nlohmann::json::array();
  for (std::size_t i = 0; i < request.jobs.size(); ++i)
    if (LoadedGraph graph = load_job_graph(request.jobs[i]); !graph.ok())
      refused.push_back({{"index", i}, {"diagnostics", diagnostics_json(graph.diagnostics())}});
  if (!refused.empty()) return reply_json(res, 400, {{"error", "invalid topics"}, {"topics", refused}});

  Batch batch{new_job_id(), request.jobs.front().graph, unix_now(), request.topics, {}};
  for (const auto& job : request.jobs) batch.job_ids.push_back(job.id);
  auto redis = redis_.borrow();
  BatchStore(*redis, options_.keys).create(batch);  // first: GET names every job, even while they are submitted
  JobStore jobs(*redis, options_.keys);
  for (const auto& job : request.jobs) jobs.submit(job);
  res.set_header("Location", "/api/v1/batches/" + batch.id);
  reply_json(res, 201, {{"id", batch.id}, {"graph", batch.graph}, {"jobs", batch.job_ids}});
}

void ApiServer::get_batch(const httplib::Request& req, httplib::Response& res) {
  auto redis = redis_.borrow();
  auto batch = BatchStore(*redis, options_.keys).get(req.matches[1]);
  if (!batch) return reply_error(res, 404, "no such batch");
  JobStore store(*redis, options_.keys);
  std::map<std::string, int> counts{{"queued", 0}, {"running", 0}, {"succeeded", 0}, {"failed", 0}, {"cancelled", 0}};
  int finished = 0;
  nlohmann::json jobs = nlohmann::json::array();
  for (std::size_t i = 0; i < batch->job_ids.size(); ++i) {
    auto job = store.summary(batch->job_ids[i]);
    if (!job) {  // deleted since
      jobs.push_back({{"id", batch->job_ids[i]}, {"topic", batch->topics[i]}, {"state", "deleted"}});
      continue;
    }
    ++counts[job_state_name(job->state)];
    finished += is_final(job->state);
    nlohmann::json listed = listing_json(*job);
    listed["topic"] = batch->topics[i];
    jobs.push_back(std::move(listed));
  }
  reply_json(res, 200, {{"id", batch->id},
                        {"graph", batch->graph},
                        {"created_at", batch->created_at},
                        {"total", batch->job_ids.size()},
                        {"finished", finished},
                        {"counts", counts},
                        {"jobs", jobs}});
}

void ApiServer::delete_batch(const httplib::Request& req, httplib::Response& res, const std::string&) {
  std::optional<Batch> batch;
  DeleteResult result = DeleteResult::NotFound;
  {
    auto redis = redis_.borrow();
    BatchStore store(*redis, options_.keys);
    batch = store.get(req.matches[1]);
    if (batch) result = store.remove(*batch);
  }
  switch (result) {
    case DeleteResult::NotFound: return reply_error(res, 404, "no such batch");
    case DeleteResult::StillActive:
      return reply_error(res, 409, "a job of the batch is queued or running: cancel it first");
    case DeleteResult::Deleted: break;
  }
  for (const auto& id : batch->job_ids) remove_job_files(id);
  res.status = 204;
}

}  // namespace reelflow::service
