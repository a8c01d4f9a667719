#pragma once
#include "cli_options.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace reelflow::cli {

struct ServiceOptions {
  std::string redis_url;  // empty: $REELFLOW_REDIS_URL or redis://127.0.0.1:6379
  std::string prefix = "reelflow";
  std::filesystem::path data_dir = "reelflow-data";
  std::filesystem::path cache_dir;
  std::uintmax_t cache_max_bytes = 20ull << 30;  // a worker runs many jobs: keep its stage cache bounded
  // serve
  std::string listen = "127.0.0.1:8080";
  std::vector<std::string> graphs{"graphs"};
  bool allow_graph_upload = false;
  std::size_t max_body_bytes = 1u << 20;
  std::size_t max_watchers = 1000;
  int max_attempts = 3;
  unsigned embedded_workers = 1;
  bool no_sandbox = false;  // run jobs in-process, unconfined
  // worker
  std::string worker_name;
  unsigned concurrency = 1;
  unsigned stage_jobs = 0;
  unsigned job_timeout_s = 3600;
  double claim_idle_s = 60;
};

int serve(const CommonOptions& common, const ServiceOptions& options);
int run_worker(const CommonOptions& common, const ServiceOptions& options);

}  // namespace reelflow::cli
