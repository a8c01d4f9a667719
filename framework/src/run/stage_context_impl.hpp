#pragma once
// The runtime's StageContext for one attempt of one stage.
#include "http/curl_http_client.hpp"
#include "run/stage_runner.hpp"

#include <reelflow/stage_context.hpp>

#include <chrono>
#include <mutex>

namespace reelflow::framework {

class StageContextImpl final : public StageContext {
 public:
  using Clock = std::chrono::steady_clock;

  StageContextImpl(const StageJob& job, const std::atomic<bool>& stop,
                   std::optional<Clock::time_point> deadline,
                   std::function<void(double, const std::string&)> progress, EmitCallback emitted = {});

  const std::string& stage_id() const override { return job_.id; }
  const std::string& stage_type() const override;
  const ParamSet& params() const override { return *job_.params; }
  const Value* input(std::string_view port) const override;
  void set_output(std::string_view port, Value value) override;
  void emit(std::string_view port, Value value) override;
  void log(LogLevel level, std::string_view message) override;
  void progress(double fraction, std::string_view message) override;
  bool cancelled() const override;
  const std::filesystem::path& work_dir() const override { return job_.work_dir; }
  const std::filesystem::path& output_dir() const override { return job_.output_dir; }
  const std::filesystem::path& cache_dir() const override { return job_.cache_dir; }
  HttpClient& http() override { return http_; }
  Status run_pipeline(GstElement* pipeline, double expected_duration_s) override;
  RetryPolicy retry_policy() const override { return job_.http_retry; }
  bool stream_connected(std::string_view port) const override {
    return job_.connected_streams.count(std::string(port)) > 0;
  }
  const SceneRedo& redo() const override { return job_.redo; }
  const Value* previous_output(std::string_view port) const override {
    const auto it = job_.previous_outputs.find(std::string(port));
    return it == job_.previous_outputs.end() ? nullptr : &it->second;
  }

  bool timed_out() const { return deadline_ && Clock::now() >= *deadline_; }
  bool credentials_refused() const { return http_.credentials_refused(); }
  std::map<std::string, Value> take_outputs() { return std::move(outputs_); }

 private:
  const StageJob& job_;
  const std::atomic<bool>& stop_;
  std::optional<Clock::time_point> deadline_;
  std::function<void(double, const std::string&)> progress_;
  EmitCallback emitted_;
  CurlHttpClient http_;
  std::mutex mutex_;  // outputs and progress may be set from a stage's own threads
  std::map<std::string, Value> outputs_;
  double last_fraction_ = -1.0;
  Clock::time_point last_progress_{};
};

}  // namespace reelflow::framework
