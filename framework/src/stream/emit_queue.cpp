#include "stream/emit_queue.hpp"

#include <spdlog/spdlog.h>

namespace reelflow::framework {

EmitQueue::EmitQueue(Deliver deliver) : deliver_(std::move(deliver)), thread_([this] { loop(); }) {}

EmitQueue::~EmitQueue() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void EmitQueue::push(std::size_t member, std::string port, Value value) {
  {
    std::lock_guard lock(mutex_);
    if (pending_.size() >= kMaxPending) {
      ++dropped_;
      return;
    }
    pending_.push_back({member, std::move(port), std::move(value)});
  }
  changed_.notify_all();
}

void EmitQueue::drain() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return pending_.empty() && !delivering_; });
}

std::size_t EmitQueue::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

void EmitQueue::loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [&] { return !pending_.empty() || closing_; });
    if (pending_.empty()) return;  // closing, nothing left
    Item item = std::move(pending_.front());
    pending_.pop_front();
    delivering_ = true;
    lock.unlock();
    try {
      deliver_(item.member, item.port, item.value);
    } catch (const std::exception& e) {
      spdlog::warn("an emitted value could not be delivered: {}", e.what());
    }
    lock.lock();
    delivering_ = false;
    changed_.notify_all();
  }
}

}  // namespace reelflow::framework
