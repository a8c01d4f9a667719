#include "run/stage_runner.hpp"

#include "run/stage_context_impl.hpp"

#include "plugins/stage_registry.hpp"
#include "run/secret_redactor.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <thread>

namespace reelflow::framework {
namespace {

// Calls process() and turns anything it throws into a Status.
Status call_process(Stage& stage, StageContextImpl& context) {
  try {
    return stage.process(context);
  } catch (const std::exception& e) {
    return Status::error(e.what());
  } catch (...) {
    return Status::error("the stage threw an unknown exception");
  }
}

}  // namespace

Status check_value_outputs(const StageSpec& spec, const std::map<std::string, Value>& outputs,
                           const OutputSchemas* schemas) {
  for (const auto& port : spec.outputs()) {
    if (port.is_stream()) continue;
    auto it = outputs.find(port.name);
    if (it == outputs.end()) {
      if (!port.required) continue;
      return Status::error("the stage did not produce its output '" + port.name + "'");
    }
    if (value_type_of(it->second) != port.type)
      return Status::error("the stage set output '" + port.name + "' to a " + std::string(value_type_of(it->second)) +
                           " value, but it is declared " + port.type);
    const auto schema = schemas ? schemas->find(port.name) : OutputSchemas::const_iterator{};
    if (schemas && schema != schemas->end())
      if (const auto* record = std::get_if<Record>(&it->second))
        if (auto why = schema->second->violation_of_text(record->json))
          return Status::error("output '" + port.name + "' does not match the JSON schema of type " + port.type + ": " +
                               *why);
  }
  for (const auto& [name, _] : outputs)
    if (!spec.find_output(name)) return Status::error("the stage set undeclared output '" + name + "'");
  return Status::ok();
}

namespace {

void sleep_unless_stopped(double seconds, const std::atomic<bool>& stop) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!stop.load() && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

}  // namespace

StageJobResult run_stage_job(const StageJob& job, const std::atomic<bool>& stop,
                             const std::function<void(EventKind, double, const std::string&)>& report,
                             const EmitCallback& emitted) {
  StageJobResult result;
  // On a worker thread: an exception here would end the process, not the stage.
  if (std::error_code ec; !std::filesystem::create_directories(job.work_dir, ec) && ec) {
    result.status = Status::error("cannot create the stage's work dir " + job.work_dir.string() + ": " + ec.message());
    return result;
  }
  for (int attempt = 1; attempt <= std::max(1, job.attempts); ++attempt) {
    result.attempts = attempt;
    std::optional<StageContextImpl::Clock::time_point> deadline;
    if (job.timeout_s)
      deadline = StageContextImpl::Clock::now() +
                 std::chrono::duration_cast<StageContextImpl::Clock::duration>(std::chrono::duration<double>(*job.timeout_s));
    StageContextImpl context(job, stop, deadline,
                             [&](double f, const std::string& m) { report(EventKind::StageProgress, f, m); }, emitted);
    std::unique_ptr<Stage> stage;
    Status status = Status::ok();
    try {
      stage = job.type->instantiate();  // opens the plugin here if it came from the plugin index
      status = stage ? call_process(*stage, context) : Status::error("the plugin could not create the stage");
    } catch (const std::exception& e) {
      status = Status::error(e.what());
    }
    stage.reset();  // release the stage's resources before judging the attempt
    if (context.timed_out() && !stop.load()) {
      std::ostringstream msg;
      msg << "timed out after " << *job.timeout_s << " s";
      status = Status::error(msg.str());
    }
    if (status) {
      auto outputs = context.take_outputs();
      status = check_value_outputs(job.type->spec, outputs, job.output_schemas);
      if (status) {
        result.outputs = std::move(outputs);
        result.status = status;
        return result;
      }
    }
    result.status = Status::error(redact(status.message(), job.secrets));
    // A service that refused the key refuses it again: the stage's retries would only
    // repeat the refusal (and, for a rate-limited key, make it worse).
    if (stop.load() || attempt == job.attempts || context.credentials_refused()) break;
    const double delay = std::min(job.retry_backoff_s * std::pow(2.0, attempt - 1), 3600.0);
    std::ostringstream msg;
    msg << "attempt " << attempt << "/" << job.attempts << " failed: " << result.status.message() << "; retrying in "
        << delay << " s";
    report(EventKind::StageRetrying, 0.0, msg.str());
    sleep_unless_stopped(delay, stop);
  }
  return result;
}

}  // namespace reelflow::framework
