#pragma once
// A stage type's contract, declared once in its static setup(): its ports and
// parameters with types and docs. The runtime validates graphs against it and
// `reelflow inspect` prints it.
#include <reelflow/param.hpp>
#include <reelflow/value.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reelflow {

// Value ports carry values (value.hpp) once per run; stream ports carry GStreamer
// buffers while a segment of connected stream stages plays (stream_stage.hpp).
enum class PortKind : std::uint8_t { Value, Stream };

struct PortSpec {
  std::string name;
  // A value port's value type ("text", "video", "acme.detections"); a stream
  // port's caps (what it may carry: "video/x-raw", "audio/x-raw,channels=2").
  std::string type;
  std::string doc;
  // Inputs: must be connected. Outputs: set whenever the stage succeeds (an
  // optional output may stay unset, and what reads it must be optional too).
  bool required = true;
  PortKind kind = PortKind::Value;
  std::vector<std::string> also_accepts;  // value inputs: more types taken (a union such as audio|video)

  PortSpec& optional() {
    required = false;
    return *this;
  }
  PortSpec& accepts(std::string other_type) {
    also_accepts.push_back(std::move(other_type));
    return *this;
  }
  bool is_stream() const { return kind == PortKind::Stream; }
};

class StageSpec {
 public:
  StageSpec& describe(std::string summary) {
    summary_ = std::move(summary);
    return *this;
  }

  // A value port of a value type: types::text, types::video, ... or a registered one.
  PortSpec& input(std::string name, std::string_view type, std::string doc) {
    return add_port(inputs_, std::move(name), type, std::move(doc), PortKind::Value);
  }
  PortSpec& output(std::string name, std::string_view type, std::string doc) {
    return add_port(outputs_, std::move(name), type, std::move(doc), PortKind::Value);
  }
  // A stream port and the caps it may carry (a template: the stage's stream_caps
  // hook fixes them from its params). Its ghost pad in the stage's bin has its name.
  PortSpec& stream_input(std::string name, std::string_view caps, std::string doc) {
    return add_port(inputs_, std::move(name), caps, std::move(doc), PortKind::Stream);
  }
  PortSpec& stream_output(std::string name, std::string_view caps, std::string doc) {
    return add_port(outputs_, std::move(name), caps, std::move(doc), PortKind::Stream);
  }

  // An optional parameter with a default value; T is bool, std::int64_t, double,
  // std::string or std::vector<std::string>.
  template <class T> ParamSpec& param(std::string name, T default_value, std::string doc) {
    return add_param(std::move(name), ParamTypeOf<T>::value, std::move(doc), ParamValue(std::move(default_value)));
  }
  ParamSpec& param(std::string name, const char* default_value, std::string doc) {
    return param<std::string>(std::move(name), std::string(default_value), std::move(doc));
  }
  ParamSpec& param(std::string name, int default_value, std::string doc) {
    return param<std::int64_t>(std::move(name), std::int64_t{default_value}, std::move(doc));
  }

  // A parameter the graph must set.
  ParamSpec& required_param(std::string name, ParamType type, std::string doc) {
    return add_param(std::move(name), type, std::move(doc), std::nullopt);
  }

  // Since SDK 1.2. The runtime keeps every stage's outputs in its stage cache and
  // skips process() when the same stage type gets the same params and inputs
  // again. A stage whose effect must happen on every run (a notification, a
  // side effect outside its outputs) opts out here.
  StageSpec& not_cacheable() {
    cacheable_ = false;
    return *this;
  }

  // Since SDK 1.4. How far a job's variables may reach a string parameter
  // (ParamTrust). Undeclared string parameters without choices are Unclassified
  // and as strict as pipeline text; declare free text as FreeText.
  StageSpec& trust(std::string param, ParamTrust kind) {
    for (auto& [name, trust] : trust_)
      if (name == param) {
        trust = kind;
        return *this;
      }
    trust_.emplace_back(std::move(param), kind);
    return *this;
  }
  ParamTrust trust_of(std::string_view param) const {
    for (const auto& [name, trust] : trust_)
      if (name == param) return trust;
    return ParamTrust::Unclassified;
  }
  const std::vector<std::pair<std::string, ParamTrust>>& trusts() const { return trust_; }

  // Since SDK 1.4. Whether a stage reaches the network, so that a confined run
  // gives it one: always, or only when `param` has one of `values` (e.g. a
  // provider switch). A stage that declares neither gets no network.
  StageSpec& uses_network() {
    network_always_ = true;
    return *this;
  }
  StageSpec& uses_network_when(std::string param, std::vector<std::string> values) {
    network_when_.emplace_back(std::move(param), std::move(values));
    return *this;
  }
  bool network_always() const { return network_always_; }
  const std::vector<std::pair<std::string, std::vector<std::string>>>& network_when() const { return network_when_; }

  // Since SDK 2.1. The stage can make chosen scenes again and keep the others from
  // its previous output (StageContext::redo, previous_output): a run's redo then
  // changes its cache key, and no other stage's.
  StageSpec& redoes_scenes() {
    redoes_scenes_ = true;
    return *this;
  }
  bool can_redo_scenes() const { return redoes_scenes_; }

  const std::string& summary() const { return summary_; }
  const std::vector<PortSpec>& inputs() const { return inputs_; }
  const std::vector<PortSpec>& outputs() const { return outputs_; }
  const std::vector<ParamSpec>& params() const { return params_; }
  bool cacheable() const { return cacheable_; }

  const PortSpec* find_input(std::string_view name) const { return find(inputs_, name); }
  const PortSpec* find_output(std::string_view name) const { return find(outputs_, name); }
  const ParamSpec* find_param(std::string_view name) const {
    for (const auto& p : params_)
      if (p.name == name) return &p;
    return nullptr;
  }

 private:
  static PortSpec& add_port(std::vector<PortSpec>& ports, std::string name, std::string_view type, std::string doc,
                            PortKind kind) {
    PortSpec port;
    port.name = std::move(name);
    port.type = std::string(type);
    port.doc = std::move(doc);
    port.kind = kind;
    ports.push_back(std::move(port));
    return ports.back();
  }

  ParamSpec& add_param(std::string name, ParamType type, std::string doc, std::optional<ParamValue> default_value) {
    ParamSpec spec;
    spec.name = std::move(name);
    spec.type = type;
    spec.doc = std::move(doc);
    spec.default_value = std::move(default_value);
    params_.push_back(std::move(spec));
    return params_.back();
  }

  static const PortSpec* find(const std::vector<PortSpec>& ports, std::string_view name) {
    for (const auto& p : ports)
      if (p.name == name) return &p;
    return nullptr;
  }

  std::string summary_;
  std::vector<PortSpec> inputs_;
  std::vector<PortSpec> outputs_;
  std::vector<ParamSpec> params_;
  // Last on purpose (SDK 1.2): the runtime owns every StageSpec and plugins only
  // write it through these inline members, so a 1.0/1.1 plugin, which knows the
  // members above, fills a 1.2 spec correctly and leaves this at its default.
  bool cacheable_ = true;
  // SDK 1.4, appended for the same reason.
  std::vector<std::pair<std::string, ParamTrust>> trust_;
  bool network_always_ = false;
  std::vector<std::pair<std::string, std::vector<std::string>>> network_when_;
  // SDK 2.1, appended for the same reason.
  bool redoes_scenes_ = false;
};

}  // namespace reelflow
