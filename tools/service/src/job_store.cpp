#include "job_store.hpp"

#include "job_scripts.hpp"

namespace reelflow::service {
namespace {

// Every field of a job hash but graph_yaml and graph_parts, for reads that do not show the graph.
const std::vector<std::string>& summary_fields() {
  static const std::vector<std::string> kFields{"id",        "graph",      "variables",  "redo",      "state",   "attempts",
                                                "max_attempts", "timeout_s", "cancel",    "worker",  "error",
                                                "output_dir", "outputs",   "created_at", "started_at", "finished_at"};
  return kFields;
}

std::vector<std::string> hmget(const std::string& key) {
  std::vector<std::string> argv{"HMGET", key};
  argv.insert(argv.end(), summary_fields().begin(), summary_fields().end());
  return argv;
}

std::optional<Job> job_of_values(const redisReply* values) {
  std::map<std::string, std::string> fields;
  for (size_t i = 0; values && values->type == REDIS_REPLY_ARRAY && i < values->elements && i < summary_fields().size(); ++i)
    if (values->element[i]->type != REDIS_REPLY_NIL) fields[summary_fields()[i]] = reply_string(values->element[i]);
  return Job::from_fields(fields);
}

}  // namespace

void JobStore::ensure_queue() {
  try {
    redis_.command({"XGROUP", "CREATE", keys_.queue(), JobKeys::kGroup, "0", "MKSTREAM"});
  } catch (const RedisError& e) {
    if (std::string(e.what()).find("BUSYGROUP") == std::string::npos) throw;
  }
}

void JobStore::submit(const Job& job) {
  const std::vector<std::string> fields{
      "id", job.id,
      "graph", job.graph,
      "graph_yaml", job.graph_yaml,
      "graph_dir", job.graph_dir,
      "graph_parts", nlohmann::json(job.graph_parts).dump(),
      "variables", nlohmann::json(job.variables).dump(),
      "redo", redo_json(job.redo).dump(),
      "state", "queued",
      "attempts", "0",
      "max_attempts", std::to_string(job.max_attempts),
      "timeout_s", std::to_string(job.timeout_s),
      "cancel", "0",
      "created_at", std::to_string(job.created_at)};
  std::vector<std::string> args{job.id, std::to_string(job.created_at)};
  args.insert(args.end(), fields.begin(), fields.end());
  redis_.eval(scripts::kSubmit,
              {keys_.job(job.id), keys_.jobs(), keys_.queue(), keys_.events(job.id), keys_.stats()}, args);
}

std::optional<Job> JobStore::get(const std::string& id) {
  auto reply = redis_.command({"HGETALL", keys_.job(id)});
  return Job::from_fields(reply_fields(reply.get()));
}

std::optional<Job> JobStore::summary(const std::string& id) {
  auto reply = redis_.command(hmget(keys_.job(id)));
  return job_of_values(reply.get());
}

std::optional<JobState> JobStore::state(const std::string& id) {
  auto reply = redis_.command({"HGET", keys_.job(id), "state"});
  if (reply->type == REDIS_REPLY_NIL) return std::nullopt;
  return parse_job_state(reply_string(reply.get())).value_or(JobState::Failed);
}

std::vector<Job> JobStore::list(std::size_t limit, std::optional<JobState> state) {
  std::vector<Job> jobs;
  // Read in pages so a state filter still fills `limit` when matches are sparse;
  // each page's hashes come in one round trip. Pages are small: each job's variables
  // may be up to --max-body long.
  constexpr long long kPage = 50;
  for (long long start = 0; jobs.size() < limit && start < static_cast<long long>(kMaxListScan); start += kPage) {
    auto ids = redis_.command({"ZREVRANGE", keys_.jobs(), std::to_string(start), std::to_string(start + kPage - 1)});
    if (ids->elements == 0) break;
    std::vector<std::vector<std::string>> reads;
    for (size_t i = 0; i < ids->elements; ++i) reads.push_back(hmget(keys_.job(reply_string(ids->element[i]))));
    for (const auto& reply : redis_.pipeline(reads)) {
      auto job = job_of_values(reply.get());
      if (job && (!state || job->state == *state)) jobs.push_back(std::move(*job));
      if (jobs.size() == limit) break;
    }
  }
  return jobs;
}

CancelResult JobStore::cancel(const std::string& id) {
  auto reply = redis_.eval(scripts::kCancel, {keys_.job(id), keys_.events(id), keys_.stats()},
                           {std::to_string(unix_now()), id});
  const std::string r = reply_string(reply.get());
  if (r == "cancelled") return CancelResult::Cancelled;
  if (r == "cancelling") return CancelResult::Cancelling;
  if (r == "missing") return CancelResult::NotFound;
  return CancelResult::AlreadyFinished;
}

DeleteResult JobStore::remove(const std::string& id) {
  auto reply = redis_.eval(scripts::kDelete, {keys_.job(id), keys_.events(id), keys_.jobs()}, {id});
  const std::string r = reply_string(reply.get());
  if (r == "deleted") return DeleteResult::Deleted;
  if (r == "active") return DeleteResult::StillActive;
  return DeleteResult::NotFound;
}

std::vector<JobEvent> JobStore::read_events(const std::string& id, const std::string& after, int block_ms) {
  std::vector<std::string> argv{"XREAD", "COUNT", std::to_string(kEventsPerRead)};
  if (block_ms > 0) {
    argv.push_back("BLOCK");
    argv.push_back(std::to_string(block_ms));
  }
  argv.insert(argv.end(), {"STREAMS", keys_.events(id), after.empty() ? "0" : after});
  auto reply = redis_.command(argv);
  std::vector<JobEvent> events;
  // [[stream, [[id, [field, value...]], ...]]], or nil on timeout.
  if (reply->type != REDIS_REPLY_ARRAY || reply->elements == 0) return events;
  const redisReply* entries = reply->element[0]->element[1];
  for (size_t i = 0; i < entries->elements; ++i) {
    const redisReply* e = entries->element[i];
    auto fields = reply_fields(e->element[1]);
    events.push_back({reply_string(e->element[0]), fields["data"]});
  }
  return events;
}

QueueStats JobStore::stats() {
  QueueStats s;
  auto counters = redis_.command({"HGETALL", keys_.stats()});
  for (auto& [k, v] : reply_fields(counters.get())) s.counters[k] = std::stoll(v);
  s.queue_length = reply_integer(redis_.command({"XLEN", keys_.queue()}).get()).value_or(0);
  s.dead_letters = reply_integer(redis_.command({"XLEN", keys_.dead()}).get()).value_or(0);
  try {
    auto groups = redis_.command({"XINFO", "GROUPS", keys_.queue()});
    for (size_t i = 0; i < groups->elements; ++i) {
      auto info = reply_fields(groups->element[i]);
      if (info["name"] != JobKeys::kGroup) continue;
      s.pending = std::stoll(info["pending"].empty() ? "0" : info["pending"]);
      s.consumers = std::stoll(info["consumers"].empty() ? "0" : info["consumers"]);
    }
  } catch (const RedisError&) {
    // No queue yet: nothing pending.
  }
  return s;
}

void JobStore::ping() { redis_.command({"PING"}); }

}  // namespace reelflow::service
