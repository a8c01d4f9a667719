#pragma once
// A batch submission (POST /api/v1/batches): one job per topic, each built and
// checked exactly as POST /api/v1/jobs builds and checks a job, with the topic as
// its `topic` variable.
#include "job_request.hpp"

#include <string>
#include <variant>
#include <vector>

namespace reelflow::service {

inline constexpr std::size_t kMaxBatchTopics = 100;

struct BatchRequest {
  std::vector<std::string> topics;
  std::vector<Job> jobs;  // jobs[i] makes topics[i]
};

std::variant<BatchRequest, RequestError> parse_batch_request(const std::string& body, const GraphCatalog& catalog,
                                                             const JobRequestPolicy& policy);

}  // namespace reelflow::service
