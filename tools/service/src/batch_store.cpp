#include "batch_store.hpp"

#include "job_scripts.hpp"

#include <nlohmann/json.hpp>

namespace reelflow::service {

void BatchStore::create(const Batch& batch) {
  const auto dump = [](const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); };
  redis_.command({"HSET", keys_.batch(batch.id), "id", batch.id, "graph", batch.graph, "created_at",
                  std::to_string(batch.created_at), "topics", dump(batch.topics), "jobs", dump(batch.job_ids)});
  redis_.command({"ZADD", keys_.batches(), std::to_string(batch.created_at), batch.id});
  // The oldest records past the bound go; idempotent, so API servers racing here agree.
  const std::string last_old = std::to_string(-static_cast<long long>(kMaxBatches) - 1);
  auto old = redis_.command({"ZRANGE", keys_.batches(), "0", last_old});
  for (std::size_t i = 0; i < old->elements; ++i) {
    const std::string id = reply_string(old->element[i]);
    redis_.command({"DEL", keys_.batch(id)});
    redis_.command({"ZREM", keys_.batches(), id});
  }
}

DeleteResult BatchStore::remove(const Batch& batch) {
  std::vector<std::string> keys{keys_.batch(batch.id), keys_.jobs()};
  for (const auto& job : batch.job_ids) {
    keys.push_back(keys_.job(job));
    keys.push_back(keys_.events(job));
  }
  auto reply = redis_.eval(scripts::kDeleteBatch, keys, batch.job_ids);
  const std::string r = reply_string(reply.get());
  if (r == "active") return DeleteResult::StillActive;
  if (r != "deleted") return DeleteResult::NotFound;
  redis_.command({"ZREM", keys_.batches(), batch.id});
  return DeleteResult::Deleted;
}

std::optional<Batch> BatchStore::get(const std::string& id) {
  auto reply = redis_.command({"HGETALL", keys_.batch(id)});
  auto fields = reply_fields(reply.get());
  if (fields.empty() || fields["id"] != id) return std::nullopt;
  Batch batch;
  batch.id = id;
  batch.graph = fields["graph"];
  try {
    batch.created_at = std::stod(fields["created_at"]);
  } catch (...) {
  }
  const auto strings = [](const std::string& text) {
    std::vector<std::string> out;
    auto list = nlohmann::json::parse(text, nullptr, false);
    if (list.is_array())
      for (const auto& item : list)
        if (item.is_string()) out.push_back(item.get<std::string>());
    return out;
  };
  batch.topics = strings(fields["topics"]);
  batch.job_ids = strings(fields["jobs"]);
  if (batch.topics.size() != batch.job_ids.size()) return std::nullopt;  // not one we wrote
  return batch;
}

}  // namespace reelflow::service
