#include "job_queue.hpp"

#include "job.hpp"
#include "job_scripts.hpp"
#include "job_store.hpp"

#include <nlohmann/json.hpp>

namespace reelflow::service {
namespace {

const char* outcome_name(JobOutcome o) {
  switch (o) {
    case JobOutcome::Succeeded: return "succeeded";
    case JobOutcome::Cancelled: return "cancelled";
    case JobOutcome::Failed: return "failed";
    case JobOutcome::FailedFinal: return "failed_final";
    case JobOutcome::Released: return "released";
  }
  return "failed";
}

}  // namespace

std::optional<Delivery> JobQueue::first_entry(const redisReply* entries) {
  if (!entries || entries->type != REDIS_REPLY_ARRAY) return std::nullopt;
  for (size_t i = 0; i < entries->elements; ++i) {
    const redisReply* e = entries->element[i];
    // A nil entry was deleted from the stream while pending.
    if (e->type != REDIS_REPLY_ARRAY || e->elements < 2) continue;
    auto fields = reply_fields(e->element[1]);
    return Delivery{reply_string(e->element[0]), fields["job"]};
  }
  return std::nullopt;
}

std::optional<Delivery> JobQueue::claim_stale(long long min_idle_ms) {
  auto reply = redis_.command({"XAUTOCLAIM", keys_.queue(), JobKeys::kGroup, consumer_,
                               std::to_string(min_idle_ms), claim_cursor_, "COUNT", "1"});
  // [next cursor, [[id, fields]...], [deleted ids]]
  if (reply->type != REDIS_REPLY_ARRAY || reply->elements < 2) return std::nullopt;
  claim_cursor_ = reply_string(reply->element[0]);
  if (reply->elements >= 3)
    for (size_t i = 0; i < reply->element[2]->elements; ++i)  // gone from the stream: forget them
      redis_.command({"XACK", keys_.queue(), JobKeys::kGroup, reply_string(reply->element[2]->element[i])});
  return first_entry(reply->element[1]);
}

std::optional<Delivery> JobQueue::read_new(int block_ms) {
  auto reply = redis_.command({"XREADGROUP", "GROUP", JobKeys::kGroup, consumer_, "COUNT", "1", "BLOCK",
                               std::to_string(block_ms), "STREAMS", keys_.queue(), ">"});
  if (reply->type != REDIS_REPLY_ARRAY || reply->elements == 0) return std::nullopt;
  return first_entry(reply->element[0]->element[1]);
}

BeginResult JobQueue::begin(const Delivery& d, const std::string& lease) {
  auto reply = redis_.eval(scripts::kBegin,
                           {keys_.job(d.job_id), keys_.queue(), keys_.events(d.job_id), keys_.stats(), keys_.dead()},
                           {JobKeys::kGroup, d.entry, lease, consumer_, std::to_string(unix_now()), d.job_id});
  BeginResult r;
  const std::string kind = reply->elements > 0 ? reply_string(reply->element[0]) : "";
  const std::string detail = reply->elements > 1 ? reply_string(reply->element[1]) : "";
  if (kind == "run") {
    r.kind = BeginResult::Kind::Run;
    r.attempt = std::stoi(detail);
  } else if (kind == "dead") {
    r.kind = BeginResult::Kind::DeadLettered;
    r.detail = detail;
  } else {
    r.detail = kind == "gone" ? "gone" : detail;
  }
  return r;
}

Lease JobQueue::keep_alive(const Delivery& d, const std::string& lease) {
  auto reply = redis_.eval(scripts::kKeepAlive, {keys_.job(d.job_id), keys_.queue()},
                           {JobKeys::kGroup, d.entry, lease, consumer_});
  const std::string r = reply_string(reply.get());
  if (r == "ok") return Lease::Held;
  if (r == "cancel") return Lease::CancelRequested;
  return Lease::Lost;
}

bool JobQueue::finish(const Delivery& d, const std::string& lease, JobOutcome outcome, const std::string& error,
                      const std::string& output_dir, const std::vector<std::string>& outputs) {
  auto reply = redis_.eval(
      scripts::kFinish,
      {keys_.job(d.job_id), keys_.queue(), keys_.events(d.job_id), keys_.stats(), keys_.dead(), keys_.completions()},
      {JobKeys::kGroup, d.entry, lease, outcome_name(outcome), error, output_dir, nlohmann::json(outputs).dump(),
       std::to_string(unix_now()), consumer_, d.job_id});
  return reply_integer(reply.get()).value_or(0) == 1;
}

void JobQueue::leave() {
  auto pending = redis_.command({"XPENDING", keys_.queue(), JobKeys::kGroup, "-", "+", "1", consumer_});
  if (pending->elements == 0) redis_.command({"XGROUP", "DELCONSUMER", keys_.queue(), JobKeys::kGroup, consumer_});
}

}  // namespace reelflow::service
