#pragma once
// The caps each stream port of a stage carries: the port's declared template,
// narrowed by the stage type's stream_caps hook for the stage's params. Used by
// the validator along every stream edge, and at run time against the caps a
// stage's bin actually sends.
#include "plugins/stage_registry.hpp"

#include <reelflow/param.hpp>

#include <gst/gst.h>

#include <map>
#include <memory>
#include <string>

namespace reelflow::framework {

// A stage type with stream ports runs in a segment, not on its own.
bool is_stream_type(const StageType& type);

struct PortCaps {
  std::shared_ptr<GstCaps> caps;  // null when `problem` says why
  std::string text;               // for messages
  std::string problem;
};

bool caps_can_meet(const PortCaps& produced, const PortCaps& accepted);

class StageCaps {
 public:
  StageCaps(const StageType& type, const ParamSet& params, std::string stage_id);
  PortCaps output(const std::string& port) const { return find(port, false); }
  PortCaps input(const std::string& port) const { return find(port, true); }

 private:
  PortCaps find(const std::string& port, bool input) const;
  const StageType& type_;
  std::string stage_id_;
  std::map<std::pair<bool, std::string>, std::string> narrowed_;  // (input?, port) → what the hook fixed
  std::string hook_problem_;
};

}  // namespace reelflow::framework
