#include "worker.hpp"

#include "job_queue.hpp"
#include "job_runner.hpp"
#include "job_store.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include <unistd.h>

namespace reelflow::service {

std::string default_worker_name() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return std::string(host) + "-" + std::to_string(::getpid());
}

std::optional<std::string> worker_sandbox_refusal(bool no_sandbox, const std::optional<std::string>& unavailable) {
  if (no_sandbox || !unavailable) return std::nullopt;
  return *unavailable + "; run with --no-sandbox to run jobs unconfined";
}

Worker::Worker(const Runtime& runtime, WorkerOptions options) : runtime_(runtime), options_(std::move(options)) {
  if (auto why = worker_sandbox_refusal(options_.no_sandbox)) throw std::runtime_error(*why);
  if (options_.name.empty()) options_.name = default_worker_name();
  options_.concurrency = std::max(1u, options_.concurrency);
}

Worker::~Worker() { stop(); }

void Worker::start() {
  std::filesystem::create_directories(options_.data_dir);
  for (unsigned i = 0; i < options_.concurrency; ++i) slots_.emplace_back([this, i] { run_slot(i); });
}

void Worker::stop() {
  stopping_ = true;
  for (auto& t : slots_)
    if (t.joinable()) t.join();
  slots_.clear();
}

void Worker::run_slot(unsigned slot) {
  // Each slot is its own consumer, so a pending entry names the slot that holds it.
  const std::string consumer = options_.name + "/" + std::to_string(slot);
  const auto wait_a_moment = [this] {
    for (int i = 0; i < 10 && !stopping_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  };
  std::optional<RedisConnection> redis;
  std::optional<JobQueue> queue;
  while (!stopping_) {
    try {
      if (!redis) {
        redis.emplace(options_.redis);
        JobStore(*redis, options_.keys).ensure_queue();
        queue.emplace(*redis, options_.keys, consumer);
        spdlog::info("worker {}: taking jobs from {}", consumer, options_.redis.to_string());
      }
      auto delivery = queue->claim_stale(options_.claim_idle.count());
      if (delivery) spdlog::info("worker {}: took over job {} from a worker that stopped", consumer, delivery->job_id);
      if (!delivery) delivery = queue->read_new(500);
      if (!delivery) continue;
      struct Busy {
        std::atomic<unsigned>& count;
        explicit Busy(std::atomic<unsigned>& c) : count(c) { ++count; }
        ~Busy() { --count; }
      } busy(running_);
      JobRunner runner(runtime_, options_, *redis, *queue, stopping_, stream_stats_);
      if (runner.run(*delivery)) ++finished_;
    } catch (const RedisError& e) {
      spdlog::warn("worker {}: {}; retrying", consumer, e.what());
      queue.reset();
      redis.reset();
      wait_a_moment();
    } catch (const std::exception& e) {
      // The entry stays pending: another worker (or this one) claims it after claim_idle.
      spdlog::error("worker {}: {}", consumer, e.what());
      wait_a_moment();
    }
  }
  try {
    if (queue) queue->leave();
  } catch (const RedisError&) {
  }
}

}  // namespace reelflow::service
