#pragma once
// Stage parameters: declared by the stage (ParamSpec), configured by the graph,
// checked and converted by the runtime before the stage runs (ParamSet).
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace reelflow {

enum class ParamType : std::uint8_t { Bool, Int, Float, String, StringList };

constexpr std::string_view param_type_name(ParamType type) {
  switch (type) {
    case ParamType::Bool: return "bool";
    case ParamType::Int: return "int";
    case ParamType::Float: return "float";
    case ParamType::String: return "string";
    case ParamType::StringList: return "list of strings";
  }
  return "?";
}

// What a string parameter may be fed from a job's variables (SDK 1.4). The graph
// author is trusted with what the graph file says; a job request is not. A
// trusted parameter decides what the stage reads, runs or contacts, so a job
// variable reaches it only when the validator can prove the variable's values
// harmless for that kind (an enum, a number, or a pattern that cannot leave the
// kind's safe alphabet: docs/security.md, "Trusted parameters").
enum class ParamTrust : std::uint8_t {
  Unclassified,  // not declared by the stage: treated as strictly as PipelineText
  FreeText,      // any text is harmless here (a topic, a caption, a prompt)
  Name,          // a voice, model or font name: no '/', no '..'
  Path,          // a file or directory path, or an output file name: one safe component
  Url,           // a URL: a variable may only follow a fixed scheme://host/ prefix
  Host,          // a host name or bucket: letters, digits and '-'
  PipelineText,  // text parsed by GStreamer (gst-launch syntax): numbers and enums only
};

constexpr std::string_view param_trust_name(ParamTrust trust) {
  switch (trust) {
    case ParamTrust::Unclassified: return "unclassified";
    case ParamTrust::FreeText: return "free text";
    case ParamTrust::Name: return "name";
    case ParamTrust::Path: return "path";
    case ParamTrust::Url: return "url";
    case ParamTrust::Host: return "host";
    case ParamTrust::PipelineText: return "pipeline text";
  }
  return "?";
}

using ParamValue = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>>;

template <class T> struct ParamTypeOf;
template <> struct ParamTypeOf<bool> { static constexpr ParamType value = ParamType::Bool; };
template <> struct ParamTypeOf<std::int64_t> { static constexpr ParamType value = ParamType::Int; };
template <> struct ParamTypeOf<double> { static constexpr ParamType value = ParamType::Float; };
template <> struct ParamTypeOf<std::string> { static constexpr ParamType value = ParamType::String; };
template <> struct ParamTypeOf<std::vector<std::string>> {
  static constexpr ParamType value = ParamType::StringList;
};

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::String;
  std::string doc;
  std::optional<ParamValue> default_value;  // absent: the param is required
  std::vector<std::string> choices;         // for strings: the allowed values, if limited
  std::optional<double> min;                // for numbers
  std::optional<double> max;
  bool secret = false;  // never logged; should come from ${env:...}

  bool required() const { return !default_value.has_value(); }

  ParamSpec& one_of(std::vector<std::string> allowed) {
    choices = std::move(allowed);
    return *this;
  }
  ParamSpec& range(double lo, double hi) {
    min = lo;
    max = hi;
    return *this;
  }
  ParamSpec& is_secret() {
    secret = true;
    return *this;
  }
};

// The checked parameters of one stage instance: every declared param has a value
// of its declared type (the graph's, or the default).
class ParamSet {
 public:
  void set(std::string name, ParamValue value) { values_[std::move(name)] = std::move(value); }

  bool has(std::string_view name) const { return values_.find(name) != values_.end(); }

  template <class T> const T& get(std::string_view name) const {
    auto it = values_.find(name);
    if (it == values_.end()) throw std::out_of_range("no parameter '" + std::string(name) + "'");
    if (const T* v = std::get_if<T>(&it->second)) return *v;
    throw std::invalid_argument("parameter '" + std::string(name) + "' is not of type " +
                                std::string(param_type_name(ParamTypeOf<T>::value)));
  }

  const std::string& str(std::string_view name) const { return get<std::string>(name); }
  std::int64_t integer(std::string_view name) const { return get<std::int64_t>(name); }
  double number(std::string_view name) const { return get<double>(name); }
  bool flag(std::string_view name) const { return get<bool>(name); }
  const std::vector<std::string>& list(std::string_view name) const {
    return get<std::vector<std::string>>(name);
  }

  const std::map<std::string, ParamValue, std::less<>>& values() const { return values_; }

 private:
  std::map<std::string, ParamValue, std::less<>> values_;
};

}  // namespace reelflow
