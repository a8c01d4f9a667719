#include "batch_request.hpp"

namespace reelflow::service {

std::variant<BatchRequest, RequestError> parse_batch_request(const std::string& body, const GraphCatalog& catalog,
                                                             const JobRequestPolicy& policy) {
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return RequestError{"the body must be a JSON object"};
  if (!json.contains("topics") || !json["topics"].is_array() || json["topics"].empty() ||
      json["topics"].size() > kMaxBatchTopics)
    return RequestError{"'topics' must be a list of 1 to " + std::to_string(kMaxBatchTopics) + " strings"};
  const nlohmann::json topics = std::move(json["topics"]);
  json.erase("topics");
  if (json.contains("redo")) return RequestError{"a batch has no 'redo': resubmit one of its jobs with it"};
  if (json.contains("variables") && json["variables"].is_object() && json["variables"].contains("topic"))
    return RequestError{"'variables' may not set topic: each job's topic is its line of 'topics'"};

  BatchRequest batch;
  for (std::size_t i = 0; i < topics.size(); ++i) {
    const std::string where = "topics[" + std::to_string(i) + "]: ";
    if (!topics[i].is_string()) return RequestError{where + "must be a string"};
    nlohmann::json one = json;
    one["variables"]["topic"] = topics[i];
    auto parsed = parse_job_request(one.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), catalog, policy);
    if (auto* error = std::get_if<RequestError>(&parsed)) return RequestError{where + error->message};
    batch.topics.push_back(topics[i].get<std::string>());
    batch.jobs.push_back(std::move(std::get<Job>(parsed)));
  }
  return batch;
}

}  // namespace reelflow::service
