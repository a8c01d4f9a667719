#include "served_api.hpp"

#include "job_keys.hpp"
#include "job_store.hpp"

namespace reelflow::testing {

ServedApi::ServedApi(const std::vector<std::string>& extra_args)
    : dir_("reelflow-served-api"), redis_(std::make_unique<RedisServer>(dir_ / "redis")) {
  std::vector<std::string> args{"--embedded-workers", "0"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  port_ = start_serve(serve_, *redis_, dir_, args);
  if (port_ <= 0) throw std::runtime_error("reelflow serve did not start: " + output());
}

httplib::Client ServedApi::anonymous() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_read_timeout(30, 0);
  return c;
}

std::string ServedApi::queue_job(const std::map<std::string, std::string>& variables) {
  service::Job job;
  job.id = service::new_job_id();
  job.graph = "clip";
  job.graph_yaml = "reelflow: 1\n";
  job.variables = variables;
  job.created_at = service::unix_now();
  auto r = redis();
  service::JobStore(r, service::JobKeys{}).submit(job);
  return job.id;
}

std::string ServedApi::finished_job(const std::string& output_dir, const std::vector<std::string>& outputs) {
  const std::string id = queue_job();
  set_field(id, "state", "succeeded");
  set_field(id, "output_dir", output_dir);
  set_field(id, "outputs", nlohmann::json(outputs).dump());
  return id;
}

void ServedApi::set_field(const std::string& id, const std::string& field, const std::string& value) {
  redis().command({"HSET", service::JobKeys{}.job(id), field, value});
}

}  // namespace reelflow::testing
