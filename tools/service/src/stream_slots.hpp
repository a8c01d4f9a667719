#pragma once
// A bounded number of places for long responses of one kind (downloads): a place is
// held for as long as its Slot lives.
#include <atomic>
#include <cstddef>
#include <memory>

namespace reelflow::service {

class StreamSlots {
 public:
  explicit StreamSlots(std::size_t max) : max_(max) {}

  class Slot {
   public:
    explicit Slot(StreamSlots& slots) : slots_(slots) {}
    ~Slot() { --slots_.used_; }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    StreamSlots& slots_;
  };

  // A place, or nullptr when all are taken.
  std::shared_ptr<Slot> take() {
    for (std::size_t used = used_.load(); used < max_;)
      if (used_.compare_exchange_weak(used, used + 1)) return std::make_shared<Slot>(*this);
    return nullptr;
  }
  std::size_t in_use() const { return used_.load(); }
  std::size_t max() const { return max_; }

 private:
  const std::size_t max_;
  std::atomic<std::size_t> used_{0};
};

}  // namespace reelflow::service
