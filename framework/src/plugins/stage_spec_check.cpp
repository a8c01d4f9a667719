#include "plugins/stage_spec_check.hpp"

#include <set>
#include <sstream>

namespace reelflow::framework {
namespace {

bool word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

// a lower-case word: [a-z][a-z0-9_]*
bool is_word(std::string_view s) {
  if (s.empty() || !(s.front() >= 'a' && s.front() <= 'z')) return false;
  for (char c : s)
    if (!word_char(c)) return false;
  return true;
}

bool is_identifier(std::string_view s) {
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (s.empty() || s.size() > 64 || !letter(s.front())) return false;
  for (char c : s)
    if (!letter(c) && !(c >= '0' && c <= '9')) return false;
  return true;
}

std::string number_text(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::optional<double> number_of(const ParamValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return std::nullopt;
}

void check_ports(const char* what, const std::vector<PortSpec>& ports, std::vector<std::string>& out) {
  std::set<std::string> seen;
  for (const auto& p : ports) {
    if (!is_identifier(p.name)) out.push_back(std::string(what) + " '" + p.name + "' has an invalid name");
    if (!seen.insert(p.name).second) out.push_back(std::string(what) + " '" + p.name + "' is declared twice");
    if (p.type.empty()) out.push_back(std::string(what) + " '" + p.name + "' has no type");
    if (p.kind == PortKind::Value)
      if (auto problem = value_type_name_problem(p.type))
        out.push_back(std::string(what) + " '" + p.name + "' has an invalid value type: " + *problem);
  }
}

void check_param(const ParamSpec& p, std::vector<std::string>& out) {
  const std::string where = "parameter '" + p.name + "'";
  if (!is_identifier(p.name)) out.push_back(where + " has an invalid name");
  if (p.min && p.max && *p.min > *p.max) out.push_back(where + " has min " + number_text(*p.min) + " above max " + number_text(*p.max));
  if (!p.default_value) return;
  if (auto n = number_of(*p.default_value); n && ((p.min && *n < *p.min) || (p.max && *n > *p.max)))
    out.push_back(where + " has default " + number_text(*n) + " outside its own range");
  if (const auto* s = std::get_if<std::string>(&*p.default_value); s && !p.choices.empty()) {
    bool listed = false;
    for (const auto& c : p.choices) listed = listed || c == *s;
    if (!listed) out.push_back(where + " has default '" + *s + "', which is not one of its choices");
  }
}

}  // namespace

std::optional<std::string> type_name_problem(const std::string& name) {
  const auto dot = name.find('.');
  const bool ok = name.size() <= 64 && (dot == std::string::npos ? is_word(name)
                                                                 : is_word(std::string_view(name).substr(0, dot)) &&
                                                                       is_word(std::string_view(name).substr(dot + 1)));
  if (ok) return std::nullopt;
  return "'" + name + "' is not a valid name (lower-case letters, digits and '_', optionally 'vendor.name')";
}

std::optional<std::string> value_type_name_problem(const std::string& name) { return type_name_problem(name); }

std::vector<std::string> stage_spec_problems(const std::string& type_name, const StageSpec& spec) {
  std::vector<std::string> out;
  if (auto problem = type_name_problem(type_name)) out.push_back(*problem);
  check_ports("input", spec.inputs(), out);
  check_ports("output", spec.outputs(), out);
  // Stream ports are ghost pads of the stage's one bin, whose pad names are unique.
  for (const auto& in : spec.inputs())
    if (in.is_stream())
      for (const auto& o : spec.outputs())
        if (o.is_stream() && o.name == in.name)
          out.push_back("stream input and stream output '" + in.name +
                        "' share a name; they are pads of one bin, so name them apart (e.g. 'raw_" + in.name + "')");
  std::set<std::string> params;
  for (const auto& p : spec.params()) {
    check_param(p, out);
    if (!params.insert(p.name).second) out.push_back("parameter '" + p.name + "' is declared twice");
  }
  for (const auto& [param, _] : spec.trusts())
    if (!params.count(param)) out.push_back("trust is declared for parameter '" + param + "', which it does not have");
  for (const auto& [param, _] : spec.network_when())
    if (!params.count(param)) out.push_back("network use depends on parameter '" + param + "', which it does not have");
  return out;
}

}  // namespace reelflow::framework
