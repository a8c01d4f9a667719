// StageTester: one stage run through the runtime's own param binding, check and
// stage runner, so a plugin's test sees what a graph run would.
#include <reelflow/testing.hpp>

#include "graph/param_binder.hpp"
#include "graph/port_fit.hpp"
#include "plugins/plugin_loader.hpp"
#include "plugins/stage_registry.hpp"
#include "run/pipeline_runner.hpp"
#include "run/stage_runner.hpp"

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <random>
#include <sstream>

namespace reelflow::testing {
namespace {

// A directory removed with its contents when it goes.
class ScratchDir {
 public:
  // Empty path() when no directory could be made (why in `error`).
  ScratchDir() {
    std::error_code ec;
    const auto base = std::filesystem::temp_directory_path(ec);
    if (ec) {
      error = "no temporary directory: " + ec.message();
      return;
    }
    std::random_device random;
    for (int attempt = 0; attempt < 100; ++attempt) {
      auto candidate = base / ("reelflow-stage-test-" + std::to_string(random()));
      if (std::filesystem::create_directory(candidate, ec)) {
        path_ = std::move(candidate);
        return;
      }
      if (ec) break;
    }
    error = "cannot make a scratch directory in " + base.string() + (ec ? ": " + ec.message() : "");
  }
  ~ScratchDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string error;

 private:
  std::filesystem::path path_;
};

// What the validator gives a stage type's check: its params, the types on its
// inputs, the graph's variables; every problem it reports is kept.
class CollectingCheck final : public CheckContext, public CheckReport {
 public:
  CollectingCheck(const ParamSet& params, const std::map<std::string, Value>& inputs,
                  const std::map<std::string, std::string>& variables)
      : params_(params), variables_(variables) {
    for (const auto& [port, value] : inputs) types_[port] = std::string(value_type_of(value));
  }
  const ParamSet& params() const override { return params_; }
  std::string input_type(std::string_view input) const override {
    auto it = types_.find(std::string(input));
    return it == types_.end() ? std::string() : it->second;
  }
  const std::map<std::string, std::string>& variables() const override { return variables_; }
  void error(std::string_view param, std::string_view message, std::string_view expected) override {
    std::string line = param.empty() ? std::string(message) : "parameter '" + std::string(param) + "': " + std::string(message);
    if (!expected.empty()) line += " (expected " + std::string(expected) + ")";
    problems.push_back(std::move(line));
  }
  std::vector<std::string> problems;

 private:
  const ParamSet& params_;
  std::map<std::string, std::string> types_;
  const std::map<std::string, std::string>& variables_;
};

// The params YAML as a graph node's, each at its line in the text.
framework::StageNode node_for(const framework::StageType& type, std::string_view params_yaml, std::vector<std::string>& problems) {
  framework::StageNode node;
  node.id = type.name;
  node.type = type.name;
  node.location = {"<params>", 1, 1};
  try {
    const YAML::Node params = YAML::Load(std::string(params_yaml));
    if (!params.IsMap()) {
      if (!params.IsNull()) problems.push_back("params must be a YAML mapping");
      return node;
    }
    for (const auto& kv : params) {
      framework::ParamEntry entry;
      entry.value = kv.second;
      entry.location = {"<params>", kv.second.Mark().line + 1, kv.second.Mark().column + 1};
      const auto name = kv.first.as<std::string>();
      // A test passes fake keys inline; they are treated as if they came from ${env:...}.
      const ParamSpec* spec = type.spec.find_param(name);
      entry.from_environment = spec && spec->secret;
      node.params[name] = std::move(entry);
    }
  } catch (const YAML::Exception& e) {
    problems.push_back(std::string("params are not valid YAML: ") + e.what());
  }
  return node;
}

// The inputs as the validator checks a graph's edges: known value ports, values
// they accept, every required one given.
void check_inputs(const framework::StageType& type, const std::map<std::string, Value>& inputs,
                  std::vector<std::string>& problems) {
  for (const auto& [port, value] : inputs) {
    const PortSpec* input = type.spec.find_input(port);
    if (!input || input->is_stream()) {
      problems.push_back("'" + type.name + "' has no value input '" + port + "'");
      continue;
    }
    const std::string given(value_type_of(value));
    if (!framework::value_fits(given, *input))
      problems.push_back("input '" + port + "' takes " + framework::accepted(*input) + ", not " + given);
  }
  for (const auto& input : type.spec.inputs())
    if (input.required && !input.is_stream() && !inputs.count(input.name))
      problems.push_back("required input '" + input.name + "' is not given (" + framework::accepted(input) + ")");
}

// Binds and checks; the bound params when there is no problem.
std::optional<framework::BoundParams> bind_and_check(const framework::StageType& type, std::string_view params_yaml,
                                                     const std::map<std::string, Value>& inputs,
                                                     const std::map<std::string, std::string>& variables,
                                                     std::vector<std::string>& problems) {
  auto node = node_for(type, params_yaml, problems);
  if (!problems.empty()) return std::nullopt;
  framework::Diagnostics diagnostics;
  auto bound = framework::bind_params(node, type.spec, diagnostics);
  for (const auto& d : diagnostics) problems.push_back(d.to_string());  // "<params>:line:col: ..."
  if (!problems.empty()) return std::nullopt;
  check_inputs(type, inputs, problems);
  if (!problems.empty()) return std::nullopt;
  if (type.has_check) {
    CollectingCheck check(bound.params, inputs, variables);
    try {
      type.check(check, check);
    } catch (const std::exception& e) {  // as the validator: a throwing check is a problem, not a crash
      check.error({}, e.what(), {});
    }
    problems = std::move(check.problems);
    if (!problems.empty()) return std::nullopt;
  }
  return bound;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += (text.empty() ? "" : "\n") + line;
  return text;
}

// The stage's log lines, captured for the length of one run.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_);
    auto logger = std::make_shared<spdlog::logger>("stage-test", sink);
    logger->set_pattern("%l: %v");
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    std::istringstream in(stream_.str());
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }

 private:
  std::ostringstream stream_;
  std::shared_ptr<spdlog::logger> previous_;
};

}  // namespace

const Value& StageRun::output(std::string_view port) const {
  auto it = outputs.find(std::string(port));
  if (it == outputs.end()) throw std::out_of_range("output '" + std::string(port) + "' was not set");
  return it->second;
}

struct StageTester::Impl {
  StageTesterOptions options;
  framework::StageRegistry registry;
  framework::PluginLoader loader{registry};
  std::vector<std::string> failures;
  std::vector<std::unique_ptr<ScratchDir>> scratch;  // kept until the tester goes, so outputs stay readable
};

StageTester::StageTester(StageTesterOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  framework::ensure_gstreamer_initialized();
  if (impl_->options.plugins.empty())
    impl_->failures.push_back("no plugin to test: define REELFLOW_PLUGIN_UNDER_TEST (reelflow_add_plugin_test does) or name one");
  std::vector<std::filesystem::path> directories;
  for (const auto& path : impl_->options.plugins) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (std::filesystem::is_directory(status)) directories.push_back(path);
    else if (!std::filesystem::exists(status)) impl_->failures.push_back(path.string() + ": no such file");
    else impl_->loader.load_library(path);
  }
  impl_->loader.load_directories(directories);
  for (const auto& f : impl_->loader.failures()) impl_->failures.push_back(f.to_string());
}

StageTester::~StageTester() = default;

bool StageTester::has_stage_type(std::string_view type) const { return impl_->registry.find(std::string(type)) != nullptr; }

void StageTester::set_output_dir(std::filesystem::path dir) { impl_->options.output_dir = std::move(dir); }

void StageTester::set_cache_dir(std::filesystem::path dir) { impl_->options.cache_dir = std::move(dir); }

std::vector<std::string> StageTester::load_failures() const { return impl_->failures; }

std::vector<std::string> StageTester::check(std::string_view type_name, std::string_view params_yaml,
                                            const std::map<std::string, Value>& inputs,
                                            const std::map<std::string, std::string>& variables) const {
  const framework::StageType* type = impl_->registry.find(std::string(type_name));
  if (!type) return {"unknown stage type '" + std::string(type_name) + "'"};
  std::vector<std::string> problems;
  bind_and_check(*type, params_yaml, inputs, variables, problems);
  return problems;
}

StageRun StageTester::run(std::string_view type_name, std::string_view params_yaml, std::map<std::string, Value> inputs) {
  StageRun run;
  const framework::StageType* type = impl_->registry.find(std::string(type_name));
  if (!type) {
    std::string why = "unknown stage type '" + std::string(type_name) + "'";
    for (const auto& f : impl_->failures) why += "; " + f;
    run.status = Status::error(why);
    return run;
  }
  for (const auto* ports : {&type->spec.inputs(), &type->spec.outputs()})
    for (const auto& port : *ports)
      if (port.is_stream()) {
        run.status = Status::error("'" + type->name + "' is a stream stage (port '" + port.name +
                                   "'): it runs only in a graph, with a source and a sink");
        return run;
      }
  std::vector<std::string> problems;
  auto bound = bind_and_check(*type, params_yaml, inputs, {}, problems);
  if (!bound) {
    run.status = Status::error("stage '" + type->name + "': " + joined(problems));
    return run;
  }

  auto& scratch = *impl_->scratch.emplace_back(std::make_unique<ScratchDir>());
  if (scratch.path().empty()) {
    run.status = Status::error(scratch.error);
    return run;
  }
  framework::StageJob job;
  job.id = type->name;
  job.type = type;
  job.params = &bound->params;
  job.secrets = bound->secrets;
  for (auto& [port, value] : inputs) job.inputs[port] = &value;
  job.work_dir = scratch.path() / "work";
  job.output_dir = impl_->options.output_dir.empty() ? scratch.path() / "out" : impl_->options.output_dir;
  job.cache_dir = impl_->options.cache_dir.empty() ? scratch.path() / "cache" : impl_->options.cache_dir;
  if (std::error_code ec; !std::filesystem::create_directories(job.output_dir, ec) && ec) {
    run.status = Status::error("cannot make the output directory " + job.output_dir.string() + ": " + ec.message());
    return run;
  }
  job.http_retry.initial_backoff_ms = 10;  // a test's retries need not wait
  job.http_retry.max_backoff_ms = 50;

  std::mutex mutex;
  std::atomic<bool> stop{false};
  framework::StageJobResult result;
  {
    LogCapture log;
    result = framework::run_stage_job(
        job, stop,
        [&](framework::EventKind kind, double fraction, const std::string&) {
          std::lock_guard lock(mutex);
          if (kind == framework::EventKind::StageProgress) run.progress.push_back(fraction);
        },
        [&](const std::string& port, const Value& value) {
          std::lock_guard lock(mutex);
          run.emitted.push_back({port, value});
        });
    run.log_lines = log.lines();
  }
  run.status = result.status;
  run.outputs = std::move(result.outputs);
  return run;
}

}  // namespace reelflow::testing
