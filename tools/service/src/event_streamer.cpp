#include "event_streamer.hpp"

#include "job_store.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace reelflow::service {
namespace {

using namespace std::chrono;

constexpr auto kKeepAlive = seconds(15);
// How often a waiting stream looks whether its client is still there, without Redis.
constexpr auto kLivenessCheck = seconds(5);

std::string event_name(const JobEvent& e) {
  const auto json = nlohmann::json::parse(e.data, nullptr, false);
  return json.is_object() && json.value("event", "").size() > 0 ? json["event"].get<std::string>() : "message";
}

}  // namespace

EventStreamer::EventStreamer(RedisPool& pool, JobKeys keys, std::string job, std::string cursor,
                             std::unique_ptr<EventHub::Watch> watch)
    : pool_(pool), keys_(std::move(keys)), job_(std::move(job)), cursor_(std::move(cursor)), watch_(std::move(watch)) {}

std::vector<JobEvent> EventStreamer::read(bool check_end) {
  auto redis = pool_.borrow();
  JobStore store(*redis, keys_);
  auto events = store.read_events(job_, cursor_, 0);
  if (events.empty() && check_end) {
    // A client that resumes after the final event (or whose job's events were
    // trimmed, or whose job was deleted) must not wait for ever. The final event is
    // written with the final state, so one more read after seeing that state cannot miss it.
    const auto state = store.state(job_);
    if (!state || is_final(*state)) {
      events = store.read_events(job_, cursor_, 0);
      finished_ = true;
    }
  }
  return events;
}

bool EventStreamer::send(httplib::DataSink& sink, const std::vector<JobEvent>& events) {
  std::string out;
  for (const auto& e : events) {
    const std::string name = event_name(e);
    out += "id: " + e.id + "\nevent: " + name + "\ndata: " + e.data + "\n\n";
    cursor_ = e.id;
    finished_ = finished_ || name == "job_finished";
  }
  if (out.empty()) return true;
  last_write_ = steady_clock::now();
  return sink.write(out.data(), out.size());
}

bool EventStreamer::step(httplib::DataSink& sink) {
  if (finished_ || watch_->stopped()) {
    sink.done();
    return true;
  }
  // The version is taken before reading: a change that lands during the read is seen
  // as a change when waiting, never lost.
  const std::uint64_t version = watch_->version();
  if (!started_ || more_ || version != seen_) {
    seen_ = version;
    const auto events = read(!started_);
    started_ = true;
    more_ = events.size() >= JobStore::kEventsPerRead;
    return send(sink, events) && sink.is_writable();
  }
  if (watch_->wait_for_change(seen_, kLivenessCheck)) return true;
  if (steady_clock::now() - last_write_ >= kKeepAlive) {
    if (!send(sink, read(true))) return false;
    if (finished_) return true;
    static constexpr char kKeepAliveComment[] = ": keep-alive\n\n";
    last_write_ = steady_clock::now();
    if (!sink.write(kKeepAliveComment, sizeof kKeepAliveComment - 1)) return false;
  }
  return sink.is_writable();  // a client that left frees its place within seconds
}

}  // namespace reelflow::service
