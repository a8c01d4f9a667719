#include "request_threads.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace reelflow::service {
namespace {

struct PoolThread {
  RequestThreads* pool = nullptr;
  bool handed_off = false;
};
thread_local PoolThread t_pool_thread;

}  // namespace

RequestThreads::RequestThreads(std::size_t threads) {
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i) start_thread();
}

RequestThreads::~RequestThreads() { shutdown(); }

void RequestThreads::start_thread() {
  // Join the handed-off threads that ended since the last start: they are done.
  for (const auto id : finished_) {
    auto it = std::find_if(threads_.begin(), threads_.end(), [id](const std::thread& t) { return t.get_id() == id; });
    if (it != threads_.end()) {
      it->join();
      threads_.erase(it);
    }
  }
  finished_.clear();
  threads_.emplace_back([this] { run(); });
}

void RequestThreads::enqueue(std::function<void()> fn) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(fn));
  }
  wake_.notify_one();
}

void RequestThreads::shutdown() {
  std::list<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    shutting_down_ = true;
    threads.swap(threads_);
  }
  wake_.notify_all();
  for (auto& t : threads)
    if (t.joinable()) t.join();
}

void RequestThreads::hand_off_current() {
  PoolThread& self = t_pool_thread;
  if (!self.pool || self.handed_off) return;
  self.handed_off = true;
  std::lock_guard lock(self.pool->mutex_);
  if (!self.pool->shutting_down_) self.pool->start_thread();
}

std::function<void()> RequestThreads::next() {
  std::unique_lock lock(mutex_);
  wake_.wait(lock, [this] { return !jobs_.empty() || shutting_down_; });
  if (jobs_.empty()) return {};
  auto fn = std::move(jobs_.front());
  jobs_.pop_front();
  return fn;
}

void RequestThreads::run() {
  t_pool_thread = {this, false};
  while (auto fn = next()) {
    try {
      fn();
    } catch (const std::exception& e) {
      spdlog::error("request thread: {}", e.what());  // a connection's error must not end the pool
    } catch (...) {
      spdlog::error("request thread: unknown error");
    }
    if (t_pool_thread.handed_off) break;  // another thread has this one's place
  }
  if (t_pool_thread.handed_off) {
    std::lock_guard lock(mutex_);
    if (!shutting_down_) finished_.push_back(std::this_thread::get_id());
  }
}

}  // namespace reelflow::service
