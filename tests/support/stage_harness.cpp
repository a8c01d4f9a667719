#include "stage_harness.hpp"

#include "temp_dir.hpp"

#include <reelflow/framework/param_binder.hpp>
#include <reelflow/framework/pipeline_runner.hpp>
#include <reelflow/framework/plugin_loader.hpp>
#include <reelflow/framework/stage_registry.hpp>
#include <reelflow/framework/stage_runner.hpp>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <sstream>

namespace reelflow::testing {
namespace {

// What the validator gives a stage type's check: its params, the types on its inputs.
class HarnessCheck final : public CheckContext, public CheckReport {
 public:
  HarnessCheck(const ParamSet& params, const std::map<std::string, Value>& inputs) : params_(params) {
    for (const auto& [port, value] : inputs) types_[port] = std::string(value_type_of(value));
  }
  const ParamSet& params() const override { return params_; }
  std::string input_type(std::string_view input) const override {
    auto it = types_.find(std::string(input));
    return it == types_.end() ? std::string() : it->second;
  }
  const std::map<std::string, std::string>& variables() const override { return variables_; }
  void error(std::string_view param, std::string_view message, std::string_view) override {
    errors.push_back(param.empty() ? std::string(message) : "parameter '" + std::string(param) + "': " + std::string(message));
  }
  std::vector<std::string> errors;

 private:
  const ParamSet& params_;
  std::map<std::string, std::string> types_;
  std::map<std::string, std::string> variables_;
};

}  // namespace


struct StageHarness::Impl {
  framework::StageRegistry registry;
  framework::PluginLoader loader{registry};
  std::vector<std::unique_ptr<TempDir>> dirs;  // kept until the harness goes, so outputs stay readable
  std::filesystem::path cache_dir;             // empty: a fresh one per run
};

StageHarness::StageHarness() : impl_(std::make_unique<Impl>()) {
  framework::ensure_gstreamer_initialized();
  impl_->loader.load_directories({REELFLOW_BUILD_PLUGIN_DIR, std::filesystem::path(REELFLOW_TEST_PLUGIN_DIR) / "good"});
}

StageHarness::~StageHarness() = default;

bool StageHarness::has_stage_type(std::string_view type) const { return impl_->registry.find(std::string(type)) != nullptr; }

void StageHarness::set_cache_dir(std::filesystem::path dir) { impl_->cache_dir = std::move(dir); }

StageRun StageHarness::run(std::string_view type_name, std::string_view params_yaml, std::map<std::string, Value> inputs,
                           std::filesystem::path output_dir) {
  StageRun run;
  const framework::StageType* type = impl_->registry.find(std::string(type_name));
  if (!type) {
    std::string failures;
    for (const auto& f : impl_->loader.failures()) failures += "; " + f.to_string();
    run.status = Status::error("unknown stage type '" + std::string(type_name) + "'" + failures);
    return run;
  }

  framework::StageNode node;
  node.id = std::string(type_name);
  node.type = std::string(type_name);
  node.location = {"<params>", 1, 1};
  try {
    YAML::Node params = YAML::Load(std::string(params_yaml));
    if (params.IsMap()) {
      for (const auto& kv : params) {
        framework::ParamEntry entry;
        entry.value = kv.second;
        entry.location = {"<params>", kv.second.Mark().line + 1, kv.second.Mark().column + 1};
        // Tests pass fake keys inline; treat them as if they came from ${env:...}.
        const auto name = kv.first.as<std::string>();
        const ParamSpec* spec = type->spec.find_param(name);
        entry.from_environment = spec && spec->secret;
        node.params[name] = std::move(entry);
      }
    } else if (!params.IsNull()) {
      run.status = Status::error("params must be a YAML mapping");
      return run;
    }
  } catch (const YAML::Exception& e) {
    run.status = Status::error(std::string("bad params YAML: ") + e.what());
    return run;
  }
  framework::Diagnostics diagnostics;
  auto bound = framework::bind_params(node, type->spec, diagnostics);
  if (!diagnostics.empty()) {
    run.status = Status::error(framework::format_diagnostics(diagnostics));
    return run;
  }
  // The stage type's own validation-time check, as the validator would run it.
  if (type->has_check) {
    HarnessCheck check(bound.params, inputs);
    type->check(check, check);
    if (!check.errors.empty()) {
      run.status = Status::error("stage '" + node.id + "' (" + node.type + "): " + check.errors.front());
      return run;
    }
  }

  auto& scratch = impl_->dirs.emplace_back(std::make_unique<TempDir>("reelflow-harness"));
  if (output_dir.empty()) output_dir = scratch->path() / "out";
  std::filesystem::create_directories(output_dir);

  framework::StageJob job;
  job.id = node.id;
  job.type = type;
  job.params = &bound.params;
  job.secrets = bound.secrets;
  for (auto& [port, value] : inputs) job.inputs[port] = &value;
  job.work_dir = scratch->path() / "work";
  job.output_dir = output_dir;
  job.cache_dir = impl_->cache_dir.empty() ? scratch->path() / "cache" : impl_->cache_dir;
  job.http_retry.initial_backoff_ms = 10;  // keep retry tests fast
  job.http_retry.max_backoff_ms = 50;

  // Capture what the stage logs.
  std::ostringstream log_stream;
  auto previous = spdlog::default_logger();
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_stream);
  auto logger = std::make_shared<spdlog::logger>("harness", sink);
  logger->set_pattern("%l: %v");
  logger->set_level(spdlog::level::trace);
  spdlog::set_default_logger(logger);

  std::atomic<bool> stop{false};
  std::mutex mutex;
  auto result = framework::run_stage_job(job, stop, [&](framework::EventKind kind, double f, const std::string&) {
    std::lock_guard lock(mutex);
    if (kind == framework::EventKind::StageProgress) run.progress.push_back(f);
  });
  spdlog::set_default_logger(previous);

  std::istringstream lines(log_stream.str());
  for (std::string line; std::getline(lines, line);) run.log_lines.push_back(line);
  run.status = result.status;
  run.outputs = std::move(result.outputs);
  return run;
}

}  // namespace reelflow::testing
