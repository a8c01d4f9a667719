#pragma once
// The threads that serve the API's connections. cpp-httplib serves a connection on
// one thread until it ends, so a long response (an event stream) would keep a pooled
// thread for as long as its client watches, and a few dozen watchers would leave no
// thread for anything else. A thread about to serve such a response hands its place
// in the pool to a new thread and ends with its connection: the pool always has its
// full count for ordinary requests. The streams themselves are bounded by their
// route (serve --max-watchers).
#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <thread>
#include <vector>

namespace reelflow::service {

class RequestThreads final : public httplib::TaskQueue {
 public:
  explicit RequestThreads(std::size_t threads);
  ~RequestThreads() override;
  RequestThreads(const RequestThreads&) = delete;
  RequestThreads& operator=(const RequestThreads&) = delete;

  void enqueue(std::function<void()> fn) override;
  // Runs what is queued, then joins every thread, handed-off ones included.
  void shutdown() override;

  // Called on a pool thread that will serve one long response: a new thread takes its
  // place now. Does nothing on a thread that is not a pool's, or already handed off.
  static void hand_off_current();

 private:
  void start_thread();  // with mutex_ held
  void run();
  std::function<void()> next();  // empty once shut down and drained

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool shutting_down_ = false;
  std::list<std::thread> threads_;
  std::vector<std::thread::id> finished_;  // handed-off threads that ended, to join
};

}  // namespace reelflow::service
