// GET /api/v1/jobs/<id>/events: the job's events as Server-Sent Events. Each event's
// id is its Redis stream id, so a client that reconnects with Last-Event-ID (or
// ?after=) misses nothing; the stream ends after the job's final event. A stream is
// served on a thread of its own, waits on the EventHub, and ends its connection.
#include "api_server.hpp"
#include "event_hub.hpp"
#include "event_streamer.hpp"
#include "hardened_server.hpp"
#include "job_store.hpp"
#include "json_reply.hpp"
#include "request_threads.hpp"
#include "route_guard.hpp"
#include "stream_id.hpp"

#include <httplib.h>

namespace reelflow::service {
namespace {

// Where the client resumes: its Last-Event-ID, else ?after=, else the start ("0");
// nullopt when what it sent is not a stream id.
std::optional<std::string> resume_cursor(const httplib::Request& req) {
  std::string text = req.get_header_value("Last-Event-ID");
  if (text.empty()) text = req.has_param("after") ? req.get_param_value("after") : "0";
  const auto id = StreamId::parse(text);
  if (!id) return std::nullopt;
  return text == "0" ? text : id->to_string();
}

}  // namespace

void ApiServer::stream_events(const httplib::Request& req, httplib::Response& res) {
  const std::string job = req.matches[1];
  const auto cursor = resume_cursor(req);
  if (!cursor) return reply_error(res, 400, "Last-Event-ID and ?after= take an event id: <ms>-<seq>, or 0");
  {
    auto redis = redis_.borrow();
    if (!JobStore(*redis, options_.keys).state(job)) return reply_error(res, 404, "no such job");
  }
  auto watch = hub_->watch(job);
  if (!watch) {
    res.set_header("Retry-After", "5");
    return reply_error(res, 503, "too many event streams are open (at most " + std::to_string(hub_->max_watchers()) +
                                     "); try again later");
  }
  // This thread serves the stream until it ends; the pool gets another in its place.
  RequestThreads::hand_off_current();
  HardenedServer::close_after_response();
  res.set_header("Connection", "close");
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Accel-Buffering", "no");  // a proxy must not hold events back
  auto streamer = std::make_shared<EventStreamer>(redis_, options_.keys, job, *cursor, std::move(watch));
  res.set_chunked_content_provider("text/event-stream",
                                   guarded("event stream of job " + job, [streamer](size_t, httplib::DataSink& sink) {
                                     return streamer->step(sink);
                                   }));
}

}  // namespace reelflow::service
