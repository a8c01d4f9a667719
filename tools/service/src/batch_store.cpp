#include "batch_store.hpp"

#include <nlohmann/json.hpp>

namespace reelflow::service {

void BatchStore::create(const Batch& batch) {
  const auto dump = [](const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); };
  redis_.command({"HSET", keys_.batch(batch.id), "id", batch.id, "graph", batch.graph, "created_at",
                  std::to_string(batch.created_at), "topics", dump(batch.topics), "jobs", dump(batch.job_ids)});
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
