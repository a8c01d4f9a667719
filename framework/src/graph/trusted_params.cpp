#include "graph/trusted_params.hpp"

#include "graph/safe_pattern.hpp"

#include <set>

namespace reelflow::framework {
namespace {

const ByteSet kLetters = byte_range('a', 'z') | byte_range('A', 'Z');
const ByteSet kDigits = byte_range('0', '9');

// The bytes a pattern-checked variable may produce for each kind, and what else must hold.
struct KindRule {
  ByteSet alphabet;
  const char* alphabet_text;
  bool forbid_dot_dot;     // no ".." anywhere (path traversal)
  bool forbid_lead_punct;  // may not start with '.' or '-' (hidden files, options)
  bool forbid_all_digits;  // a host of digits only is an IP address in disguise
};

KindRule rule_for(ParamTrust kind) {
  switch (kind) {
    case ParamTrust::Name:
      return {kLetters | kDigits | byte_set("_.+:-"), "[A-Za-z0-9_.+:-]", true, true, false};
    case ParamTrust::Path: return {kLetters | kDigits | byte_set("_.-"), "[A-Za-z0-9_.-]", true, true, false};
    case ParamTrust::Url: return {kLetters | kDigits | byte_set("_.~-"), "[A-Za-z0-9_.~-]", true, false, false};
    case ParamTrust::Host: return {kLetters | kDigits | byte_set("-"), "[A-Za-z0-9-]", false, true, true};
    case ParamTrust::Unclassified:
    case ParamTrust::PipelineText:
    case ParamTrust::FreeText: break;
  }
  return {kDigits | byte_set(".-"), "[0-9.-]", false, false, false};
}

std::string shown_byte(std::size_t b) {
  if (b == ' ') return "a space";
  if (b >= 0x21 && b < 0x7f) return "'" + std::string(1, static_cast<char>(b)) + "'";
  static const char* hex = "0123456789abcdef";
  return std::string("byte 0x") + hex[b >> 4] + hex[b & 15];
}

std::optional<std::string> pattern_refusal(const SafePattern& pattern, ParamTrust kind) {
  const KindRule rule = rule_for(kind);
  const ByteSet outside = pattern.alphabet() & ~rule.alphabet;
  if (outside.any()) {
    std::size_t first = 0;
    while (!outside.test(first)) ++first;
    return "its pattern allows " + shown_byte(first) + ", outside " + rule.alphabet_text;
  }
  if (pattern.can_match_empty()) return "its pattern allows an empty value";
  if (rule.forbid_dot_dot && pattern.can_contain("..")) return "its pattern allows '..'";
  if (rule.forbid_lead_punct && pattern.can_start_with(byte_set(".-"))) return "its pattern allows a leading '.' or '-'";
  if (rule.forbid_all_digits && pattern.can_match_only(kDigits)) return "its pattern allows digits only (an IP address)";
  return std::nullopt;
}

// Whether the graph's own text before the variable fixes a URL's scheme and host:
// "scheme://host/..." with no ${...} up to the path.
bool url_authority_fixed(std::string_view written_before) {
  const auto scheme_end = written_before.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return false;
  const auto path_start = written_before.find('/', scheme_end + 3);
  if (path_start == std::string_view::npos || path_start == scheme_end + 3) return false;
  return written_before.substr(0, path_start).find("${") == std::string_view::npos;
}

std::string trust_text(ParamTrust kind) {
  switch (kind) {
    case ParamTrust::Name: return "a name (voice, model, font)";
    case ParamTrust::Path: return "a file path";
    case ParamTrust::Url: return "a URL";
    case ParamTrust::Host: return "a host name";
    case ParamTrust::PipelineText: return "GStreamer pipeline text";
    case ParamTrust::Unclassified: return "a parameter its stage does not declare as free text";
    case ParamTrust::FreeText: break;
  }
  return "free text";
}

std::string safe_forms(ParamTrust kind) {
  const KindRule rule = rule_for(kind);
  std::string out = "type: enum with fixed choices, ";
  if (kind != ParamTrust::Host) out += "an int/number/bool, ";
  out += std::string("a pattern over ") + rule.alphabet_text;
  if (rule.forbid_dot_dot) out += " without '..'";
  if (kind == ParamTrust::Url) out += " after a fixed scheme://host/ in the graph";
  return out + ", or trusted: true (set only by whoever runs the graph, never by a job)";
}

}  // namespace

std::optional<std::string> variable_refusal(const VariableDeclaration& v, ParamTrust kind,
                                            std::string_view written_before) {
  if (kind == ParamTrust::FreeText || v.trusted || v.type == VariableType::Enum) return std::nullopt;
  if (kind == ParamTrust::Url && !url_authority_fixed(written_before))
    return "it would choose the URL's scheme or host, which only the graph file may";
  switch (v.type) {
    case VariableType::Int:
    case VariableType::Number:
    case VariableType::Bool:
      if (kind == ParamTrust::Host) return "a number or bool as a host could name an IP address";
      return std::nullopt;
    case VariableType::String:
      if (!v.pattern) return "it is an unconstrained string";
      return pattern_refusal(*v.pattern, kind);
    case VariableType::Enum: break;
  }
  return std::nullopt;
}

void check_trusted_params(const Graph& graph, const StageNode& node, const StageSpec& spec, Diagnostics& diagnostics) {
  for (const auto& [name, entry] : node.params) {
    const ParamSpec* param = spec.find_param(name);
    if (!param || entry.variable_uses.empty()) continue;
    // Typed and choice-limited params are checked by value; only free strings can carry a payload.
    if ((param->type != ParamType::String && param->type != ParamType::StringList) || !param->choices.empty()) continue;
    const ParamTrust kind = spec.trust_of(name);
    std::set<std::string> reported;
    for (const auto& use : entry.variable_uses) {
      const GraphVariable* variable = graph.find_variable(use.variable);
      if (!variable || reported.count(use.variable)) continue;
      auto why = variable_refusal(variable->declaration, kind, use.written_before);
      if (!why) continue;
      reported.insert(use.variable);
      // Through a sub-graph: where the including graph writes the variable.
      diagnostics.push_back({use.location.file.empty() ? entry.location : use.location,
                             "variable '" + use.variable + "' may not feed parameter '" + name + "' of stage '" +
                                 node.id + "' (" + node.type + "), which is " + trust_text(kind) + ": " + *why,
                             "declare '" + use.variable + "' (line " +
                                 std::to_string(variable->declaration.location.line) + ") as " + safe_forms(kind)});
    }
  }
}

}  // namespace reelflow::framework
