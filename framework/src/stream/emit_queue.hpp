#pragma once
// Values a stream stage emits from its streaming threads wait here and leave on
// the queue's own thread, so a slow consumer (an event sink, a network client)
// never holds up the stream: push() takes a lock for a moment and returns.
#include <reelflow/value.hpp>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace reelflow::framework {

class EmitQueue {
 public:
  using Deliver = std::function<void(std::size_t member, const std::string& port, const Value& value)>;
  explicit EmitQueue(Deliver deliver);
  ~EmitQueue();  // delivers what is queued, then joins
  EmitQueue(const EmitQueue&) = delete;
  EmitQueue& operator=(const EmitQueue&) = delete;

  void push(std::size_t member, std::string port, Value value);
  // Waits until everything pushed so far has been delivered.
  void drain();
  std::size_t dropped() const;

  static constexpr std::size_t kMaxPending = 4096;  // beyond this a value is dropped and counted

 private:
  struct Item {
    std::size_t member;
    std::string port;
    Value value;
  };
  void loop();

  Deliver deliver_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Item> pending_;
  bool delivering_ = false;
  bool closing_ = false;
  std::size_t dropped_ = 0;
  std::thread thread_;
};

}  // namespace reelflow::framework
