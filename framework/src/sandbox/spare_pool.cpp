#include "sandbox/spare_pool.hpp"

#include <spdlog/spdlog.h>

namespace reelflow::framework::sandbox {

SparePool::SparePool() : thread_([this] { serve(); }) {}

SparePool::~SparePool() {
  close();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

std::unique_ptr<Spare> SparePool::take(const SpareShape& job) {
  std::unique_ptr<Spare> spare;
  {
    std::lock_guard lock(mutex_);
    if (!spare_ || !fits(spare_->shape, job)) return nullptr;
    spare = std::move(spare_);
  }
  if (spare->alive()) return spare;
  spdlog::info("confined run: the warm spare (pid {}) had died; starting the job cold", spare->process->pid());
  return nullptr;  // reaped here, by ~ChildProcess
}

void SparePool::replenish(const SpareShape& shape) {
  std::unique_lock lock(mutex_);
  if (closed_) return;
  if (spare_ && fits(spare_->shape, shape) && spare_->alive()) return;
  wanted_ = shape;
  lock.unlock();
  changed_.notify_all();
}

void SparePool::close() {
  std::unique_ptr<Spare> spare;
  {
    std::unique_lock lock(mutex_);
    closed_ = true;
    wanted_.reset();
    changed_.wait(lock, [this] { return !starting_; });
    spare = std::move(spare_);
  }
}

void SparePool::serve() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || (wanted_ && !closed_); });
    if (stopping_) return;
    const SpareShape shape = std::move(*wanted_);
    wanted_.reset();
    starting_ = true;
    std::unique_ptr<Spare> started, replaced;
    lock.unlock();
    try {
      started = start_spare(shape);
    } catch (const std::exception& e) {
      spdlog::warn("confined run: cannot start a warm spare: {}", e.what());
    }
    lock.lock();
    starting_ = false;
    if (!closed_ && started) {
      replaced = std::move(spare_);
      spare_ = std::move(started);
    }
    changed_.notify_all();
    lock.unlock();
    started.reset();  // closed meanwhile: killed and reaped here
    replaced.reset();
    lock.lock();
  }
}

}  // namespace reelflow::framework::sandbox
