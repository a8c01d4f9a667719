// GET /api/v1/jobs/<id>/events: the job's events as Server-Sent Events. Each event's
// id is its Redis stream id, so a client that reconnects with Last-Event-ID misses
// nothing; the stream ends after the job's final event.
#include "api_server.hpp"
#include "job_store.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace reelflow::service {
namespace {

struct EventCursor {
  std::string job;
  std::string last_id;
  bool finished = false;
  int idle_polls = 0;
};

std::string event_name(const JobEvent& e) {
  const auto json = nlohmann::json::parse(e.data, nullptr, false);
  return json.is_object() && json.value("event", "").size() > 0 ? json["event"].get<std::string>() : "message";
}

}  // namespace

void ApiServer::stream_events(const httplib::Request& req, httplib::Response& res) {
  auto cursor = std::make_shared<EventCursor>();
  cursor->job = req.matches[1];
  cursor->last_id = req.get_header_value("Last-Event-ID");
  if (cursor->last_id.empty()) cursor->last_id = req.has_param("after") ? req.get_param_value("after") : "0";
  {
    auto redis = redis_.borrow();
    if (!JobStore(*redis, options_.keys).get(cursor->job)) {
      res.status = 404;
      res.set_content(error_json("no such job"), "application/json");
      return;
    }
  }
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Accel-Buffering", "no");  // a proxy must not hold events back
  res.set_chunked_content_provider("text/event-stream", [this, cursor](size_t, httplib::DataSink& sink) {
    if (cursor->finished) {
      sink.done();
      return true;
    }
    std::vector<JobEvent> events;
    {
      auto redis = redis_.borrow();
      JobStore store(*redis, options_.keys);
      events = store.read_events(cursor->job, cursor->last_id, 1000);
      if (events.empty()) {
        // A client that resumes after the final event (or whose job's events were
        // trimmed) must not wait for ever. The final event is written with the final
        // state, so one more read after seeing that state cannot miss it.
        auto job = store.get(cursor->job);
        if (!job || is_final(job->state)) {
          events = store.read_events(cursor->job, cursor->last_id, 0);
          cursor->finished = true;
        }
      }
    }
    std::string out;
    for (const auto& e : events) {
      const std::string name = event_name(e);
      out += "id: " + e.id + "\nevent: " + name + "\ndata: " + e.data + "\n\n";
      cursor->last_id = e.id;
      cursor->finished = cursor->finished || name == "job_finished";
    }
    if (events.empty() && ++cursor->idle_polls % 15 == 0) out = ": keep-alive\n\n";
    if (!out.empty() && !sink.write(out.data(), out.size())) return false;
    return sink.is_writable();
  });
}

}  // namespace reelflow::service
