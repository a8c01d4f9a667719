#include "graph/graph_loader.hpp"

#include "graph/graph_document.hpp"
#include "graph/subgraph_expansion.hpp"
#include "graph/variable_declaration_yaml.hpp"
#include "graph/yaml_duplicate_keys.hpp"
#include "graph/yaml_shape.hpp"

#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>
#include <utility>
#include <sstream>
#include <string_view>
#include <system_error>

namespace reelflow::framework {
namespace {

const std::set<std::string> kGraphKeys = {"reelflow", "name",   "description", "variables",
                                          "inputs",   "outputs", "stages"};
const std::set<std::string> kStageKeys = {"id",    "type",    "description", "params", "inputs",
                                          "retry", "timeout", "after",       "on_error"};
const std::set<std::string> kRetryKeys = {"attempts", "backoff"};

// Input is scanned by hand, not with std::regex: libstdc++'s matcher recurses once per
// character and overflows the stack on long values (a 200 kB id, say).
bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string join(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Collects diagnostics while walking one document.
class LoadContext {
 public:
  LoadContext(std::string file, const GraphLoader::EnvironmentLookup& env, const Graph& graph,
              std::optional<std::string> graph_dir)
      : file_(std::move(file)), env_(env), graph_(graph), graph_dir_(std::move(graph_dir)) {}

  SourceLocation at(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0) return {file_, 0, 0};
    return {file_, mark.line + 1, mark.column + 1};
  }
  SourceLocation at(const YAML::Mark& mark) const { return {file_, mark.line + 1, mark.column + 1}; }

  void error(SourceLocation where, std::string message, std::string expected = {}) {
    diagnostics_.push_back({std::move(where), std::move(message), std::move(expected)});
  }
  std::size_t error_count() const { return diagnostics_.size(); }
  // Whether a substitution since the last call used a variable already reported broken.
  bool take_broken_variable_use() { return std::exchange(uses_broken_variable_, false); }

  void check_keys(const YAML::Node& map, const std::set<std::string>& allowed, const char* what) {
    for (const auto& kv : map) {
      const auto key = kv.first.as<std::string>();
      if (!allowed.count(key)) error(at(kv.first), "unknown key '" + key + "' in " + what, "one of: " + join(allowed));
    }
  }

  // Replaces ${name} and ${env:NAME}; `$${` stands for a literal `${`, and a `${`
  // without a closing `}` is left as it is. Each variable used is added to `uses`.
  std::string substitute(const std::string& text, const SourceLocation& where, bool& from_env,
                         std::vector<VariableUse>& uses) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
      if (text.compare(pos, 3, "$${") == 0) {
        out += "${";
        pos += 3;
        continue;
      }
      const auto close = text.compare(pos, 2, "${") == 0 ? text.find('}', pos + 2) : std::string::npos;
      if (close == std::string::npos) {
        out += text[pos++];
        continue;
      }
      const std::string ref = text.substr(pos + 2, close - pos - 2);
      const std::string written_before = text.substr(0, pos);
      pos = close + 1;
      if (ref.rfind("env:", 0) == 0) {
        const std::string name = ref.substr(4);
        if (!env_) {
          error(where, "this graph may not read the environment (${env:" + name + "})",
                "a variable, or an allowed graph for stages that need secrets");
          continue;
        }
        auto value = env_(name);
        if (!value) {
          error(where, "environment variable '" + name + "' is not set", "export " + name + " before running");
          continue;
        }
        from_env = true;
        environment_names_.insert(name);
        out += *value;
      } else if (const GraphVariable* v = graph_.find_variable(ref)) {
        out += v->value;
        uses_broken_variable_ = uses_broken_variable_ || v->broken;
        uses.push_back({ref, written_before, {}});
      } else if (ref == GraphLoader::kGraphDirVariable) {
        // The graph file's own directory, so a graph can name files shipped beside it
        // whatever the working directory. Not a variable: nobody running it sets it.
        if (!graph_dir_) {
          error(where, "${graph_dir} is only known for a graph read from a file", "a path of its own");
          continue;
        }
        out += *graph_dir_;
      } else {
        std::string declared;
        for (const auto& v : graph_.variables) declared += (declared.empty() ? "" : ", ") + v.declaration.name;
        error(where, "undefined variable '" + ref + "'",
              declared.empty() ? "declare it under 'variables:'" : "one of: " + declared);
      }
    }
    return out;
  }

  // Substitutes in every scalar below `node`, in place. Errors point at `where`
  // (cloned nodes have no marks of their own).
  void substitute_tree(YAML::Node node, const SourceLocation& where, ParamEntry& entry) {
    if (node.IsScalar()) {
      const auto text = node.Scalar();
      if (text.find('$') != std::string::npos)
        node = substitute(text, where, entry.from_environment, entry.variable_uses);
    } else if (node.IsSequence()) {
      for (std::size_t i = 0; i < node.size(); ++i) substitute_tree(node[i], where, entry);
    } else if (node.IsMap()) {
      for (auto kv : node) substitute_tree(kv.second, where, entry);
    }
  }

  Diagnostics take() { return std::move(diagnostics_); }
  Diagnostics& diagnostics() { return diagnostics_; }
  std::set<std::string> take_environment_names() { return std::move(environment_names_); }
  bool failed() const { return !diagnostics_.empty(); }
  const std::string& file() const { return file_; }

 private:
  bool uses_broken_variable_ = false;
  std::string file_;
  const GraphLoader::EnvironmentLookup& env_;
  const Graph& graph_;
  std::optional<std::string> graph_dir_;  // ${graph_dir}: only for a graph read from a file
  Diagnostics diagnostics_;
  std::set<std::string> environment_names_;
};

// "90s", "5m", "500ms", "1h" or plain seconds, in seconds; nullopt when malformed. A
// number too large for a double comes back as infinity (the caller's limit rejects it).
std::optional<double> parse_duration_s(std::string_view text) {
  text = trim(text);
  std::size_t end = 0;
  while (end < text.size() && is_ascii_digit(text[end])) ++end;
  if (end == 0) return std::nullopt;
  if (end < text.size() && text[end] == '.') {
    std::size_t fraction = end + 1;
    while (fraction < text.size() && is_ascii_digit(text[fraction])) ++fraction;
    if (fraction == end + 1) return std::nullopt;
    end = fraction;
  }
  const std::string_view unit = trim(text.substr(end));
  double scale = 1.0;
  if (unit == "ms") scale = 0.001;
  else if (unit == "m") scale = 60.0;
  else if (unit == "h") scale = 3600.0;
  else if (!unit.empty() && unit != "s") return std::nullopt;
  double value = 0.0;
  const auto [_, ec] = std::from_chars(text.data(), text.data() + end, value);
  if (ec == std::errc::result_out_of_range) return HUGE_VAL;
  if (ec != std::errc()) return std::nullopt;
  return value * scale;
}

// The text of a duration limit, as a graph would write it.
std::string duration_text(double seconds) {
  if (seconds >= 3600.0 && std::fmod(seconds, 3600.0) == 0.0)
    return std::to_string(static_cast<long>(seconds / 3600.0)) + "h";
  return std::to_string(static_cast<long>(seconds)) + "s";
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > GraphLoader::kMaxIdLength || !is_ascii_letter(id.front())) return false;
  return std::all_of(id.begin() + 1, id.end(),
                     [](char c) { return is_ascii_letter(c) || is_ascii_digit(c) || c == '_' || c == '-'; });
}

std::optional<std::string> scalar(LoadContext& ctx, const YAML::Node& node, const char* what) {
  if (!node.IsScalar()) {
    ctx.error(ctx.at(node), std::string(what) + " must be a single value", "a string");
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<std::uint64_t> queue_number(LoadContext& ctx, const YAML::Node& node, const char* key,
                                          std::uint64_t max) {
  auto text = scalar(ctx, node, key);
  if (!text) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value > max) {
    ctx.error(ctx.at(node), std::string("invalid queue ") + key + " '" + *text + "'",
              "a whole number from 0 (no limit) to " + std::to_string(max));
    return std::nullopt;
  }
  return value;
}

std::optional<QueuePolicy> load_queue_policy(LoadContext& ctx, const YAML::Node& node) {
  QueuePolicy policy;
  policy.location = ctx.at(node);
  if (!node.IsMap()) {
    ctx.error(policy.location, "'queue' must be a mapping", "max_time_ms, max_buffers, leaky");
    return std::nullopt;
  }
  bool ok = true;
  for (const auto& kv : node) {
    const auto key = kv.first.as<std::string>();
    if (key == "max_time_ms") {
      auto v = queue_number(ctx, kv.second, "max_time_ms", 3'600'000);
      ok = ok && v;
      if (v) policy.max_time_ms = *v;
    } else if (key == "max_buffers") {
      auto v = queue_number(ctx, kv.second, "max_buffers", 100'000);
      ok = ok && v;
      if (v) policy.max_buffers = static_cast<std::uint32_t>(*v);
    } else if (key == "leaky") {
      auto text = scalar(ctx, kv.second, "leaky");
      if (text && *text == "none") policy.leaky = QueueLeaky::None;
      else if (text && *text == "upstream") policy.leaky = QueueLeaky::Upstream;
      else if (text && *text == "downstream") policy.leaky = QueueLeaky::Downstream;
      else {
        if (text) ctx.error(ctx.at(kv.second), "invalid queue leaky '" + *text + "'", "none, upstream or downstream");
        ok = false;
      }
    } else {
      ctx.error(ctx.at(kv.first), "unknown queue key '" + key + "'", "max_time_ms, max_buffers, leaky");
      ok = false;
    }
  }
  if (ok && policy.max_time_ms == 0 && policy.max_buffers == 0 && policy.leaky != QueueLeaky::None) {
    ctx.error(policy.location, "a leaky queue needs a limit", "max_time_ms or max_buffers above 0");
    ok = false;
  }
  return ok ? std::optional<QueuePolicy>(policy) : std::nullopt;
}

void load_inputs(LoadContext& ctx, const YAML::Node& node, StageNode& stage) {
  if (!node.IsMap()) {
    ctx.error(ctx.at(node), "'inputs' of stage '" + stage.id + "' must be a mapping",
              "port: stage.port entries");
    return;
  }
  for (const auto& kv : node) {
    const auto port = kv.first.as<std::string>();
    PortRef ref;
    const YAML::Node entry = kv.second;
    const bool long_form = entry.IsMap();  // { from: stage.port, queue: {...} } or { host: true }
    if (long_form) {
      for (const auto& item : entry) {
        const auto key = item.first.as<std::string>();
        if (key != "from" && key != "queue" && key != "host")
          ctx.error(ctx.at(item.first), "unknown key '" + key + "' in input '" + port + "'", "from, queue, host");
      }
      if (const YAML::Node host = entry["host"]) {
        if (entry["from"] || entry["queue"])
          ctx.error(ctx.at(host), "input '" + port + "' of stage '" + stage.id + "' is fed by the host and by 'from'",
                    "either host: true or from: stage.port");
        else if (!host.IsScalar() || host.Scalar() != "true")
          ctx.error(ctx.at(host), "invalid host '" + (host.IsScalar() ? host.Scalar() : std::string()) + "'",
                    "host: true (an embedding host feeds this stream input)");
        else {
          stage.input_locations[port] = ctx.at(kv.first);
          stage.host_inputs[port] = ctx.at(host);
        }
        continue;
      }
      if (!entry["from"]) {
        ctx.error(ctx.at(entry), "input '" + port + "' of stage '" + stage.id + "' has no 'from'", "from: stage.port");
        continue;
      }
      if (entry["queue"]) {
        ref.queue = load_queue_policy(ctx, entry["queue"]);
        if (!ref.queue) continue;
      }
    }
    const YAML::Node from = long_form ? entry["from"] : entry;
    auto ref_text = scalar(ctx, from, "an input reference");
    if (!ref_text) continue;
    ref.location = ctx.at(from);
    const auto dot = ref_text->find('.');
    ref.stage = ref_text->substr(0, dot);
    if (dot != std::string::npos) ref.port = ref_text->substr(dot + 1);
    if (ref.stage.empty() || (dot != std::string::npos && ref.port.empty())) {
      ctx.error(ref.location, "malformed input reference '" + *ref_text + "'", "stage or stage.port");
      continue;
    }
    if (ref.stage.find(kSubgraphIdSeparator) != std::string::npos) {  // a part is read through its outputs only
      ctx.error(ref.location, "input '" + port + "' of stage '" + stage.id + "' reads stage '" + ref.stage +
                                  "' inside a sub-graph",
                "an output the sub-graph declares: <stage>.<output>");
      continue;
    }
    stage.input_locations[port] = ctx.at(kv.first);
    stage.inputs[port] = std::move(ref);
  }
}

void load_retry(LoadContext& ctx, const YAML::Node& node, StageNode& stage) {
  if (!node.IsMap()) {
    ctx.error(ctx.at(node), "'retry' must be a mapping", "attempts: N, backoff: 2s");
    return;
  }
  ctx.check_keys(node, kRetryKeys, "retry");
  StageRetry retry;
  if (auto a = node["attempts"]) {
    try {
      retry.attempts = a.as<int>();
    } catch (const YAML::Exception&) {
      retry.attempts = 0;
    }
    if (retry.attempts < 1 || retry.attempts > 100)
      ctx.error(ctx.at(a), "invalid retry attempts '" + a.Scalar() + "'", "a whole number from 1 to 100");
  }
  if (auto b = node["backoff"]) {
    auto s = b.IsScalar() ? parse_duration_s(b.Scalar()) : std::nullopt;
    if (!s) ctx.error(ctx.at(b), "invalid retry backoff", "a duration such as 500ms, 2s or 1m");
    else if (*s > GraphLoader::kMaxBackoffS)
      ctx.error(ctx.at(b), "retry backoff '" + b.Scalar() + "' is too long",
                "at most " + duration_text(GraphLoader::kMaxBackoffS));
    else retry.backoff_s = *s;
  }
  stage.retry = retry;
}

// `after: qc` or `after: [qc, lint]`: stage ids, each checked by the validator.
void load_after(LoadContext& ctx, const YAML::Node& node, StageNode& stage) {
  auto add = [&](const YAML::Node& item) {
    if (!item.IsScalar() || !valid_id(item.Scalar())) {
      ctx.error(ctx.at(item), "'after' of stage '" + stage.id + "' lists " + (item.IsScalar() ? quote_value(item.Scalar()) : "a non-id"),
                "the ids of stages in this graph, such as after: [qc]");
      return;
    }
    stage.after.push_back({item.Scalar(), ctx.at(item)});
  };
  if (node.IsSequence()) {
    for (const auto& item : node) add(item);
  } else {
    add(node);
  }
}

void load_on_error(LoadContext& ctx, const YAML::Node& node, StageNode& stage) {
  const std::string value = node.IsScalar() ? node.Scalar() : "";
  if (value == "fail") stage.on_error = OnError::Fail;
  else if (value == "continue") stage.on_error = OnError::Continue;
  else ctx.error(ctx.at(node), "invalid on_error " + (node.IsScalar() ? quote_value(value) : std::string("value")), "fail or continue");
}

void load_stage(LoadContext& ctx, const YAML::Node& node, Graph& graph, std::map<std::string, int>& seen) {
  if (!node.IsMap()) {
    ctx.error(ctx.at(node), "a stage must be a mapping", "id, type, params, inputs");
    return;
  }
  const auto errors_before = ctx.error_count();
  ctx.take_broken_variable_use();
  std::size_t tolerated = 0;  // errors that leave the stage checkable
  ctx.check_keys(node, kStageKeys, "stage");
  StageNode stage;
  stage.location = ctx.at(node);
  if (auto id = node["id"]; !id) {
    ctx.error(stage.location, "stage has no 'id'", "id: a unique name");
  } else if (auto text = scalar(ctx, id, "'id'")) {
    stage.id = *text;
    if (!valid_id(stage.id)) {
      ctx.error(ctx.at(id), "invalid stage id " + quote_value(stage.id),
                "a letter followed by letters, digits, '_' or '-', at most " +
                    std::to_string(GraphLoader::kMaxIdLength) + " characters");
    } else if (auto [it, inserted] = seen.emplace(stage.id, ctx.at(id).line); !inserted) {
      ctx.error(ctx.at(id), "duplicate stage id '" + stage.id + "'",
                "ids are unique; first defined at line " + std::to_string(it->second));
      ++tolerated;  // the rest of the stage can still be checked
    }
  }
  if (auto type = node["type"]; !type) {
    ctx.error(stage.location, "stage '" + stage.id + "' has no 'type'", "type: a stage type such as tts");
  } else if (auto text = scalar(ctx, type, "'type'")) {
    stage.type = *text;
    stage.type_location = ctx.at(type);
  }
  if (stage.type == kSubgraphStageType)  // a sub-graph's stages each have their own
    for (const char* key : {"retry", "timeout"})
      if (auto n = node[key])
        ctx.error(ctx.at(n), "'" + std::string(key) + "' does not apply to sub-graph stage '" + stage.id + "'",
                  "set it on the stages inside its file");
  if (auto params = node["params"]) {
    if (!params.IsMap()) {
      ctx.error(ctx.at(params), "'params' of stage '" + stage.id + "' must be a mapping", "name: value entries");
    } else {
      for (auto kv : params) {
        ParamEntry entry;
        entry.location = ctx.at(kv.second);
        entry.value = YAML::Clone(kv.second);
        ctx.substitute_tree(entry.value, entry.location, entry);
        stage.params[kv.first.as<std::string>()] = std::move(entry);
      }
    }
  }
  if (auto inputs = node["inputs"]) load_inputs(ctx, inputs, stage);
  if (auto retry = node["retry"]) load_retry(ctx, retry, stage);
  if (auto after = node["after"]) load_after(ctx, after, stage);
  if (auto on_error = node["on_error"]) load_on_error(ctx, on_error, stage);
  if (auto timeout = node["timeout"]) {
    auto s = timeout.IsScalar() ? parse_duration_s(timeout.Scalar()) : std::nullopt;
    if (!s || *s <= 0) ctx.error(ctx.at(timeout), "invalid timeout", "a duration such as 90s or 5m");
    else if (*s > GraphLoader::kMaxTimeoutS)
      ctx.error(ctx.at(timeout), "timeout '" + timeout.Scalar() + "' is too long",
                "at most " + duration_text(GraphLoader::kMaxTimeoutS));
    else stage.timeout_s = s;
  }
  stage.incomplete = ctx.error_count() > errors_before + tolerated || ctx.take_broken_variable_use();
  graph.stages.push_back(std::move(stage));
}

void load_variables(LoadContext& ctx, const YAML::Node& node, Graph& graph) {
  if (!node) return;
  if (!node.IsMap()) {
    ctx.error(ctx.at(node), "'variables' must be a mapping", "name: default value");
    return;
  }
  if (node.size() > GraphLoader::kMaxVariables) {
    ctx.error(ctx.at(node), "graph declares too many variables (" + std::to_string(node.size()) + ")",
              "at most " + std::to_string(GraphLoader::kMaxVariables));
    return;
  }
  for (const auto& kv : node) {
    auto declaration = read_variable_declaration(kv.first, kv.second, ctx.file(), ctx.diagnostics());
    if (!declaration) {  // reported; still declared, so its uses are not reported as undefined too
      GraphVariable broken;
      broken.broken = true;
      broken.declaration.name = kv.first.as<std::string>();
      broken.declaration.default_value = "";
      graph.variables.push_back(std::move(broken));
      continue;
    }
    GraphVariable variable;
    variable.value = declaration->default_value.value_or("");
    variable.declaration = std::move(*declaration);
    graph.variables.push_back(std::move(variable));
  }
}

// The runner's values (--set, a job's variables), each checked against its declaration.
void apply_overrides(LoadContext& ctx, Graph& graph, const std::map<std::string, std::string>& overrides,
                     VariableSource source) {
  for (const auto& [name, value] : overrides) {
    auto it = std::find_if(graph.variables.begin(), graph.variables.end(),
                           [&name = name](const GraphVariable& v) { return v.declaration.name == name; });
    if (it == graph.variables.end()) {
      std::string declared;
      for (const auto& v : graph.variables) declared += (declared.empty() ? "" : ", ") + v.declaration.name;
      ctx.error({ctx.file(), 0, 0}, "the graph declares no variable " + quote_value(name),
                declared.empty() ? "this graph has no variables" : "one of: " + declared);
      continue;
    }
    const VariableDeclaration& d = it->declaration;
    if (source == VariableSource::Job && d.trusted) {
      ctx.error(d.location, "variable '" + name + "' is trusted: only whoever runs the graph may set it, not a job",
                "leave it out of the job's variables");
      it->broken = true;
      continue;
    }
    if (auto why = variable_value_error(d, value)) {
      ctx.error(d.location, "variable '" + name + "': " + *why, describe_variable_rule(d));
      it->broken = true;
      continue;
    }
    it->value = value;
  }
  for (auto& v : graph.variables)
    if (!v.broken && !v.declaration.default_value && !overrides.count(v.declaration.name)) {
      v.broken = true;
      ctx.error(v.declaration.location, "variable '" + v.declaration.name + "' has no default and was not set",
                "set it: " + describe_variable_rule(v.declaration));
    }
}

// A part's `inputs:` (name → value type, or `stream`): what the including stage connects.
void load_declared_inputs(LoadContext& ctx, const YAML::Node& node, GraphInterface& interface) {
  if (!node.IsMap()) {
    ctx.error(ctx.at(node), "'inputs' must be a mapping", "name: value type, such as scenes: scenes");
    return;
  }
  for (const auto& kv : node) {
    const auto name = kv.first.as<std::string>();
    if (!valid_id(name)) {
      ctx.error(ctx.at(kv.first), "invalid input name " + quote_value(name), "a letter followed by letters, digits, '_' or '-'");
      continue;
    }
    auto type = scalar(ctx, kv.second, "a declared input's type");
    if (type && type->empty()) ctx.error(ctx.at(kv.second), "input '" + name + "' has no type", "a value type, or stream");
    else if (type) interface.inputs[name] = {*type, ctx.at(kv.first)};
  }
}

// `outputs:` (name → stage.port of this graph): what the including graph may read.
void load_declared_outputs(LoadContext& ctx, const YAML::Node& node, const Graph& graph, GraphInterface& interface) {
  if (!node.IsMap()) {
    ctx.error(ctx.at(node), "'outputs' must be a mapping", "name: stage.port, such as video: video.video");
    return;
  }
  for (const auto& kv : node) {
    const auto name = kv.first.as<std::string>();
    if (!valid_id(name)) {
      ctx.error(ctx.at(kv.first), "invalid output name " + quote_value(name), "a letter followed by letters, digits, '_' or '-'");
      continue;
    }
    auto text = scalar(ctx, kv.second, "a declared output");
    if (!text) continue;
    PortRef source;
    source.location = ctx.at(kv.second);
    const auto dot = text->find('.');
    source.stage = text->substr(0, dot);
    if (dot != std::string::npos) source.port = text->substr(dot + 1);
    if (source.stage.empty() || (dot != std::string::npos && source.port.empty())) {
      ctx.error(source.location, "malformed output " + quote_value(*text), "stage or stage.port");
    } else if (!graph.find_stage(source.stage)) {
      ctx.error(source.location, "output '" + name + "' names unknown stage '" + source.stage + "'",
                "stage.port of a stage in this graph");
    } else {
      interface.outputs[name] = {std::move(source), ctx.at(kv.first)};
    }
  }
}

// A part's stages read its declared inputs as `inputs.<name>`; `inputs` then names no stage.
void check_declared_input_uses(LoadContext& ctx, Graph& graph, const GraphInterface& interface) {
  for (auto& stage : graph.stages) {
    if (stage.id == kDeclaredInputsName) {
      ctx.error(stage.location, "a sub-graph may not call a stage 'inputs'", "another id: inputs.<name> reads its inputs");
      stage.incomplete = true;
    }
    for (const auto& [port, ref] : stage.inputs) {
      if (ref.stage != kDeclaredInputsName || interface.inputs.count(ref.port)) continue;
      ctx.error(ref.location, "input '" + port + "' of stage '" + stage.id + "' reads undeclared input '" + ref.port + "'",
                interface.inputs.empty() ? "declare it under 'inputs:'" : "one of: " + [&] {
                  std::string names;
                  for (const auto& [name, _] : interface.inputs) names += (names.empty() ? "" : ", ") + name;
                  return names;
                }());
      stage.incomplete = true;
    }
  }
}

// A part's variables take the including stage's params (all but `file`), each checked
// against its declaration; errors point at that param.
void apply_bindings(LoadContext& ctx, Graph& graph, const StageNode& including) {
  std::set<std::string> bound;
  for (const auto& [name, entry] : including.params) {
    if (name == "file") continue;
    auto it = std::find_if(graph.variables.begin(), graph.variables.end(),
                           [&name = name](const GraphVariable& v) { return v.declaration.name == name; });
    if (it == graph.variables.end()) {
      std::string declared;
      for (const auto& v : graph.variables) declared += (declared.empty() ? "" : ", ") + v.declaration.name;
      ctx.error(entry.location, "sub-graph '" + ctx.file() + "' declares no variable " + quote_value(name),
                declared.empty() ? "it has no variables; its stage takes only 'file'" : "file, or one of: " + declared);
      continue;
    }
    bound.insert(name);
    if (it->broken) continue;  // its declaration is reported
    const std::string what = "variable '" + name + "' of sub-graph '" + ctx.file() + "'";
    if (!entry.value.IsScalar()) {
      ctx.error(entry.location, what + " takes a single value", describe_variable_rule(it->declaration));
      it->broken = true;
      continue;
    }
    if (auto why = variable_value_error(it->declaration, entry.value.Scalar())) {
      // A value from the environment is a secret: not shown.
      ctx.error(entry.location, what + ": " + (entry.from_environment ? "the value from the environment does not fit" : *why),
                describe_variable_rule(it->declaration));
      it->broken = true;
      continue;
    }
    it->value = entry.value.Scalar();
  }
  for (auto& v : graph.variables)
    if (!v.broken && !v.declaration.default_value && !bound.count(v.declaration.name)) {
      v.broken = true;
      ctx.error(including.location,
                "sub-graph stage '" + including.id + "' does not set variable '" + v.declaration.name + "' of '" +
                    ctx.file() + "', which has no default",
                v.declaration.name + ": " + describe_variable_rule(v.declaration));
    }
}

}  // namespace

GraphLoader::GraphLoader()
    : env_([](const std::string& name) -> std::optional<std::string> {
        const char* v = std::getenv(name.c_str());
        return v ? std::optional<std::string>(v) : std::nullopt;
      }) {}

GraphLoader::GraphLoader(EnvironmentLookup lookup) : env_(std::move(lookup)) {}

GraphLoadResult GraphLoader::load_file(const std::filesystem::path& file,
                                       const std::map<std::string, std::string>& overrides,
                                       VariableSource source) const {
  return load_file(file, overrides, source, GraphParts::directory(file.parent_path().empty() ? "." : file.parent_path()));
}

GraphLoadResult GraphLoader::load_file(const std::filesystem::path& file,
                                       const std::map<std::string, std::string>& overrides, VariableSource source,
                                       const GraphParts& parts) const {
  GraphLoadResult result;
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) {
    result.diagnostics.push_back({{file.string(), 0, 0}, "cannot read graph file: " + ec.message(), ""});
    return result;
  }
  if (size > kMaxGraphBytes) {
    result.diagnostics.push_back({{file.string(), 0, 0}, "graph file is too large (" + std::to_string(size) + " bytes)",
                                  "at most " + std::to_string(kMaxGraphBytes) + " bytes"});
    return result;
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (!in && !in.eof()) {
    result.diagnostics.push_back({{file.string(), 0, 0}, "cannot read graph file", ""});
    return result;
  }
  return load_string(buffer.str(), file.string(), overrides, source, parts, directory_of(file));
}

std::string GraphLoader::directory_of(const std::filesystem::path& file) {
  return std::filesystem::absolute(file).lexically_normal().parent_path().string();
}

GraphLoadResult GraphLoader::load_string(const std::string& yaml, const std::string& name,
                                         const std::map<std::string, std::string>& overrides, VariableSource source,
                                         const GraphParts& parts, std::optional<std::string> graph_dir) const {
  IncludeBudget budget;
  const DocumentScope top{parts, name, {std::filesystem::path(name).filename().string()}, nullptr, budget,
                          std::move(graph_dir)};
  return load_graph_document(yaml, name, env_, top, overrides, source).result;
}

LoadedDocument load_graph_document(const std::string& yaml, const std::string& name,
                                   const GraphLoader::EnvironmentLookup& env, const DocumentScope& scope,
                                   const std::map<std::string, std::string>& overrides, VariableSource source) {
  using Limits = GraphLoader;
  LoadedDocument document;
  GraphLoadResult& result = document.result;
  if (yaml.size() > Limits::kMaxGraphBytes) {
    result.diagnostics.push_back({{name, 0, 0}, "graph is too large", "at most 4 MiB"});
    return document;
  }
  YAML::Node root;
  const std::string too_deep = "graph nests lists and mappings more than " +
                               std::to_string(Limits::kMaxNestingDepth) + " levels deep";
  const std::string too_deep_hint = "at most " + std::to_string(Limits::kMaxNestingDepth) +
                                    "; an alias (*a) inside its own anchor (&a) nests forever";
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::DeepRecursion& e) {  // yaml-cpp's own guard, far beyond ours
    result.diagnostics.push_back({{name, e.mark.line + 1, e.mark.column + 1}, too_deep, too_deep_hint});
    return document;
  } catch (const YAML::ParserException& e) {
    result.diagnostics.push_back({{name, e.mark.line + 1, e.mark.column + 1}, "malformed YAML: " + e.msg, ""});
    return document;
  } catch (const YAML::Exception& e) {
    result.diagnostics.push_back({{name, 0, 0}, std::string("malformed YAML: ") + e.what(), ""});
    return document;
  }

  Graph graph;
  graph.file = name;
  LoadContext ctx(name, env, graph, scope.graph_dir());
  // Before anything walks the document: aliases can make it infinitely deep (&a [*a])
  // or exponentially large (each alias use is walked again).
  const YamlShape shape = measure_yaml_shape(root, {Limits::kMaxNestingDepth, Limits::kMaxYamlNodes});
  if (shape.verdict != YamlShapeVerdict::Fits) {
    if (shape.verdict == YamlShapeVerdict::TooDeep) ctx.error(ctx.at(shape.where), too_deep, too_deep_hint);
    else
      ctx.error(ctx.at(shape.where), "graph has more than " + std::to_string(Limits::kMaxYamlNodes) + " YAML values",
                "at most " + std::to_string(Limits::kMaxYamlNodes) + ", each use of an alias counted");
    result.diagnostics = ctx.take();
    return document;
  }
  for (const auto& dup : find_duplicate_keys(root))
    ctx.error(ctx.at(dup.where), "duplicate key '" + dup.key + "'",
              "each key once per mapping; first written at line " + std::to_string(dup.first.line + 1));
  if (!root.IsMap()) {
    ctx.error(ctx.at(root), "a graph must be a YAML mapping", "keys: " + join(kGraphKeys));
    result.diagnostics = ctx.take();
    return document;
  }
  if (!scope.including && root["inputs"]) {  // its stages read what it declares: nothing to check alone
    ctx.error(ctx.at(root["inputs"]), "this graph declares 'inputs': it is a sub-graph, not a graph to run on its own",
              "run a graph that includes it with type: graph");
    result.diagnostics = ctx.take();
    return document;
  }
  bool walked = false;
  try {
    ctx.check_keys(root, kGraphKeys, "graph");
    if (auto v = root["reelflow"]) {
      if (!v.IsScalar() || v.Scalar() != "1")
        ctx.error(ctx.at(v), "unsupported graph format version '" + (v.IsScalar() ? v.Scalar() : "?") + "'", "1");
    }
    if (auto n = root["name"]) graph.name = scalar(ctx, n, "'name'").value_or("");
    if (auto d = root["description"]) graph.description = scalar(ctx, d, "'description'").value_or("");
    load_variables(ctx, root["variables"], graph);
    if (scope.including) apply_bindings(ctx, graph, *scope.including);
    else apply_overrides(ctx, graph, overrides, source);

    auto stages = root["stages"];
    if (!stages) {
      ctx.error(ctx.at(root), "graph has no 'stages'", "stages: a list of stages");
    } else if (!stages.IsSequence()) {
      ctx.error(ctx.at(stages), "'stages' must be a list", "- id: ...\n  type: ...");
    } else if (stages.size() > Limits::kMaxStages) {
      ctx.error(ctx.at(stages), "graph has too many stages (" + std::to_string(stages.size()) + ")",
                "at most " + std::to_string(Limits::kMaxStages));
    } else {
      std::map<std::string, int> seen;
      for (const auto& s : stages) load_stage(ctx, s, graph, seen);
      if (stages.size() == 0) ctx.error(ctx.at(stages), "graph has no stages", "at least one stage");
    }
    if (auto inputs = root["inputs"]) load_declared_inputs(ctx, inputs, document.interface);
    if (auto outputs = root["outputs"]) load_declared_outputs(ctx, outputs, graph, document.interface);
    if (scope.including) check_declared_input_uses(ctx, graph, document.interface);
    walked = true;
  } catch (const YAML::Exception& e) {
    ctx.error({name, e.mark.line + 1, e.mark.column + 1}, std::string("invalid graph: ") + e.msg, "");
  }
  if (graph.name.empty()) graph.name = std::filesystem::path(name).stem().string();
  graph.environment_names = ctx.take_environment_names();
  if (walked) expand_subgraph_stages(graph, &document.interface, scope, env, ctx.diagnostics());
  result.diagnostics = ctx.take();
  if (result.diagnostics.empty()) result.graph = std::move(graph);
  else if (walked) result.partial = std::move(graph);
  return document;
}

}  // namespace reelflow::framework
