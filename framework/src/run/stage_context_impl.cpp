#include "run/stage_context_impl.hpp"

#include "plugins/stage_registry.hpp"
#include "run/pipeline_runner.hpp"
#include "run/secret_redactor.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace reelflow::framework {
namespace {

spdlog::level::level_enum to_spdlog(LogLevel level) {
  switch (level) {
    case LogLevel::Trace: return spdlog::level::trace;
    case LogLevel::Debug: return spdlog::level::debug;
    case LogLevel::Info: return spdlog::level::info;
    case LogLevel::Warn: return spdlog::level::warn;
    case LogLevel::Error: return spdlog::level::err;
  }
  return spdlog::level::info;
}

}  // namespace

StageContextImpl::StageContextImpl(const StageJob& job, const std::atomic<bool>& stop,
                                   std::optional<Clock::time_point> deadline,
                                   std::function<void(double, const std::string&)> progress, EmitCallback emitted)
    : job_(job),
      stop_(stop),
      deadline_(deadline),
      progress_(std::move(progress)),
      emitted_(std::move(emitted)),
      http_(CurlHttpClient::Options{job.http_retry, [this] { return cancelled(); },
                                    [this](LogLevel level, const std::string& message) { log(level, message); },
                                    nullptr}) {}

const std::string& StageContextImpl::stage_type() const { return job_.type->name; }

const Value* StageContextImpl::input(std::string_view port) const {
  auto it = job_.inputs.find(std::string(port));
  return it == job_.inputs.end() ? nullptr : it->second;
}

void StageContextImpl::set_output(std::string_view port, Value value) {
  std::lock_guard lock(mutex_);
  outputs_[std::string(port)] = std::move(value);
}

void StageContextImpl::emit(std::string_view port, Value value) {
  if (emitted_) emitted_(std::string(port), value);
}

void StageContextImpl::log(LogLevel level, std::string_view message) {
  spdlog::log(to_spdlog(level), "[{}] {}", job_.id, redact(std::string(message), job_.secrets));
}

void StageContextImpl::progress(double fraction, std::string_view message) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  std::lock_guard lock(mutex_);
  // At most ~10 reports a second unless the message changes or the stage completes.
  const auto now = Clock::now();
  if (message.empty() && fraction < 1.0 && now - last_progress_ < std::chrono::milliseconds(100) &&
      fraction - last_fraction_ < 0.05)
    return;
  last_progress_ = now;
  last_fraction_ = fraction;
  progress_(fraction, redact(std::string(message), job_.secrets));
}

bool StageContextImpl::cancelled() const { return stop_.load() || timed_out(); }

Status StageContextImpl::run_pipeline(GstElement* pipeline, double expected_duration_s) {
  ensure_gstreamer_initialized();
  PipelineWatch watch;
  watch.cancelled = [this] { return cancelled(); };
  watch.progress = [this](double f) { progress(f, {}); };
  watch.expected_duration_s = expected_duration_s;
  if (job_.bus_messages)
    watch.bus_message = [this](BusMessage message) {
      message.stage_id = job_.id;
      message.text = redact(message.text, job_.secrets);
      message.structure = redact(message.structure, job_.secrets);
      job_.bus_messages(message);
    };
  return framework::run_pipeline(pipeline, watch);
}

}  // namespace reelflow::framework
