// GET /metrics in Prometheus' text format: the store's counters (shared by every
// API server and worker on the same Redis), the queue's gauges, and this process's
// HTTP responses.
#include "api_server.hpp"
#include "event_hub.hpp"
#include "job_store.hpp"

#include <httplib.h>

#include <sstream>

namespace reelflow::service {
namespace {

void metric(std::ostringstream& out, const std::string& name, const char* type, const char* help, long long value) {
  out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n' << name << ' ' << value << '\n';
}

}  // namespace

void ApiServer::get_metrics(const httplib::Request&, httplib::Response& res) {
  QueueStats stats;
  {
    auto redis = redis_.borrow();
    stats = JobStore(*redis, options_.keys).stats();
  }
  std::ostringstream out;
  const auto counter = [&](const char* key, const char* help) {
    metric(out, std::string("reelflow_jobs_") + key + "_total", "counter", help, stats.counters[key]);
  };
  counter("submitted", "Jobs accepted by the API.");
  counter("succeeded", "Jobs that finished with their outputs stored.");
  counter("failed", "Jobs that failed for good (after their last attempt).");
  counter("cancelled", "Jobs cancelled before they finished.");
  counter("retried", "Failed attempts that were queued again.");
  counter("reclaimed", "Jobs taken over from a worker that stopped answering.");
  counter("dead_lettered", "Jobs moved to the dead-letter stream.");
  metric(out, "reelflow_queue_entries", "gauge", "Queue entries waiting or being worked on.", stats.queue_length);
  metric(out, "reelflow_queue_pending", "gauge", "Entries delivered to a worker and not yet acknowledged.", stats.pending);
  metric(out, "reelflow_queue_consumers", "gauge", "Worker slots known to the consumer group.", stats.consumers);
  metric(out, "reelflow_dead_letters", "gauge", "Entries in the dead-letter stream.", stats.dead_letters);
  metric(out, "reelflow_event_streams", "gauge", "Event streams (SSE) this API server has open.",
         static_cast<long long>(hub_->watchers()));
  metric(out, "reelflow_event_streams_max", "gauge", "Event streams this API server opens at most (--max-watchers).",
         static_cast<long long>(hub_->max_watchers()));
  metric(out, "reelflow_downloads", "gauge", "Large downloads this API server is serving, each on a thread of its own.",
         static_cast<long long>(downloads_.in_use()));
  out << "# HELP reelflow_http_responses_total HTTP responses of this API server by status.\n"
         "# TYPE reelflow_http_responses_total counter\n";
  {
    std::lock_guard lock(status_mutex_);
    for (const auto& [status, n] : responses_by_status_)
      out << "reelflow_http_responses_total{code=\"" << status << "\"} " << n << '\n';
  }
  if (extra_metrics_) out << extra_metrics_();
  res.set_content(out.str(), "text/plain; version=0.0.4");
}

}  // namespace reelflow::service
