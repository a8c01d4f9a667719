#include "graph/port_crossings.hpp"

#include "graph/port_fit.hpp"

namespace reelflow::framework {
namespace {

const char* const kStreamType = "stream";

std::string kind_text(bool stream) { return stream ? "stream" : "value"; }

// One end of a link: what feeds the next one.
struct Feed {
  std::string text;  // for messages: "'script.script'" or "sub-graph input 'scenes'"
  std::string type;
  bool stream = false;
  SourceLocation at;  // where the feeding reference is written
};

}  // namespace

bool check_port_crossings(const PortRef& ref, const PortSpec& output, const PortSpec& input,
                          const std::string& input_text, const StageRegistry& registry, Diagnostics& diagnostics,
                          std::set<std::string>& reported) {
  if (ref.crossings.empty()) return true;
  auto report = [&](Diagnostic d) {
    if (reported.insert(d.to_string()).second) diagnostics.push_back(std::move(d));
    return false;
  };
  Feed feed{"'" + ref.stage + "." + output.name + "'", output.type, output.is_stream(), ref.location};
  for (const auto& crossing : ref.crossings) {
    const bool stream = crossing.type == kStreamType;
    const std::string name = "input '" + crossing.input + "' of sub-graph stage '" + crossing.stage + "'";
    if (!stream && !registry.find_value_type(crossing.type))
      return report({crossing.declared_at, name + " declares unknown value type '" + crossing.type + "'",
                     "a value type a loaded plugin registers (reelflow plugins), or stream"});
    if (stream != feed.stream)
      return report({feed.at, name + " is a " + kind_text(stream) + " input but " + feed.text + " is a " +
                                   kind_text(feed.stream) + " port",
                     "a " + kind_text(stream) + " output"});
    PortSpec declared;
    declared.name = crossing.input;
    declared.type = crossing.type;
    if (!stream && !value_fits(feed.type, declared))
      return report({feed.at, "type mismatch: " + name + " takes " + crossing.type + " but " + feed.text + " gives " +
                                  feed.type,
                     "an output of type " + crossing.type});
    feed = {"sub-graph input '" + crossing.input + "'", crossing.type, stream, crossing.used_at};
  }
  if (input.is_stream() != feed.stream)
    return report({feed.at, input_text + " is a " + kind_text(input.is_stream()) + " port but " + feed.text + " is a " +
                                kind_text(feed.stream) + " input",
                   "declare it as " + std::string(input.is_stream() ? "stream" : input.type)});
  if (!feed.stream && !value_fits(feed.type, input))
    return report({feed.at, "type mismatch: " + input_text + " takes " + accepted(input) + " but " + feed.text +
                                " gives " + feed.type,
                   "declare it as " + accepted(input)});
  return true;
}

}  // namespace reelflow::framework
