#include "job.hpp"

#include <array>
#include <chrono>
#include <random>

namespace reelflow::service {
namespace {

constexpr std::array<const char*, 5> kStateNames{"queued", "running", "succeeded", "failed", "cancelled"};

std::string field(const std::map<std::string, std::string>& f, const char* name) {
  auto it = f.find(name);
  return it == f.end() ? std::string() : it->second;
}

double number(const std::map<std::string, std::string>& f, const char* name) {
  const std::string s = field(f, name);
  try {
    return s.empty() ? 0.0 : std::stod(s);
  } catch (...) {
    return 0.0;
  }
}

}  // namespace

const char* job_state_name(JobState state) { return kStateNames[static_cast<size_t>(state)]; }

std::optional<JobState> parse_job_state(const std::string& name) {
  for (size_t i = 0; i < kStateNames.size(); ++i)
    if (name == kStateNames[i]) return static_cast<JobState>(i);
  return std::nullopt;
}

std::optional<Job> Job::from_fields(const std::map<std::string, std::string>& f) {
  if (f.empty() || field(f, "id").empty()) return std::nullopt;
  Job job;
  job.id = field(f, "id");
  job.graph = field(f, "graph");
  job.graph_yaml = field(f, "graph_yaml");
  job.graph_dir = field(f, "graph_dir");
  auto parts = nlohmann::json::parse(field(f, "graph_parts"), nullptr, false);
  if (parts.is_object())
    for (auto& [k, v] : parts.items())
      if (v.is_string()) job.graph_parts[k] = v.get<std::string>();
  auto vars = nlohmann::json::parse(field(f, "variables"), nullptr, false);
  if (vars.is_object())
    for (auto& [k, v] : vars.items())
      if (v.is_string()) job.variables[k] = v.get<std::string>();
  auto redo = nlohmann::json::parse(field(f, "redo"), nullptr, false);
  if (redo.is_object() && redo["scenes"].is_array() && redo["take"].is_number_integer()) {
    for (auto& scene : redo["scenes"])
      if (scene.is_number_integer()) job.redo.scenes.insert(scene.get<int>());
    job.redo.take = redo["take"].get<int>();
  }
  job.state = parse_job_state(field(f, "state")).value_or(JobState::Failed);
  job.attempts = static_cast<int>(number(f, "attempts"));
  job.max_attempts = static_cast<int>(number(f, "max_attempts"));
  job.timeout_s = static_cast<int>(number(f, "timeout_s"));
  job.cancel_requested = field(f, "cancel") == "1";
  job.worker = field(f, "worker");
  job.error = field(f, "error");
  job.output_dir = field(f, "output_dir");
  auto outputs = nlohmann::json::parse(field(f, "outputs"), nullptr, false);
  if (outputs.is_array())
    for (auto& o : outputs)
      if (o.is_string()) job.outputs.push_back(o.get<std::string>());
  job.created_at = number(f, "created_at");
  job.started_at = number(f, "started_at");
  job.finished_at = number(f, "finished_at");
  return job;
}

nlohmann::json Job::to_json(bool with_graph) const {
  nlohmann::json j{{"id", id},
                   {"graph", graph},
                   {"variables", variables},
                   {"state", job_state_name(state)},
                   {"attempts", attempts},
                   {"max_attempts", max_attempts},
                   {"cancel_requested", cancel_requested},
                   {"worker", worker},
                   {"error", error},
                   {"outputs", outputs},
                   {"created_at", created_at}};
  if (timeout_s > 0) j["timeout_s"] = timeout_s;
  if (!redo.empty()) j["redo"] = redo_json(redo);
  if (started_at > 0) j["started_at"] = started_at;
  if (finished_at > 0) j["finished_at"] = finished_at;
  if (with_graph) j["graph_yaml"] = graph_yaml;
  if (with_graph && !graph_parts.empty()) j["graph_parts"] = graph_parts;
  return j;
}

nlohmann::json redo_json(const SceneRedo& redo) { return {{"scenes", redo.scenes}, {"take", redo.take}}; }

double unix_now() {
  using namespace std::chrono;
  return duration_cast<duration<double>>(system_clock::now().time_since_epoch()).count();
}

std::string new_job_id() {
  // Time-ordered prefix (listings sort naturally) plus 64 random bits.
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch()).count();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%011llx%016llx", static_cast<unsigned long long>(ms),
                static_cast<unsigned long long>(rng()));
  return buf;
}

}  // namespace reelflow::service
