#include "stream/port_caps.hpp"

#include <reelflow/gst_ptr.hpp>

#include <stdexcept>

namespace reelflow::framework {
namespace {

// What a stage type's stream_caps hook fixes, port by port.
class CollectedCaps final : public StreamCaps {
 public:
  void set_input(std::string_view port, std::string_view caps) override { caps_[{true, std::string(port)}] = caps; }
  void set_output(std::string_view port, std::string_view caps) override { caps_[{false, std::string(port)}] = caps; }
  std::map<std::pair<bool, std::string>, std::string> take() { return std::move(caps_); }

 private:
  std::map<std::pair<bool, std::string>, std::string> caps_;
};

std::shared_ptr<GstCaps> parse_caps(const std::string& text) {
  GstCaps* caps = gst_caps_from_string(text.c_str());
  if (!caps) return nullptr;
  return std::shared_ptr<GstCaps>(caps, gst_caps_unref);
}

std::string caps_text(const GstCaps* caps) {
  gst::CharPtr text(gst_caps_to_string(caps));
  return gst::to_string(text);
}

}  // namespace

bool is_stream_type(const StageType& type) {
  for (const auto* ports : {&type.spec.inputs(), &type.spec.outputs()})
    for (const auto& port : *ports)
      if (port.is_stream()) return true;
  return false;
}

bool caps_can_meet(const PortCaps& produced, const PortCaps& accepted) {
  return produced.caps && accepted.caps && gst_caps_can_intersect(produced.caps.get(), accepted.caps.get());
}

StageCaps::StageCaps(const StageType& type, const ParamSet& params, std::string stage_id)
    : type_(type), stage_id_(std::move(stage_id)) {
  CollectedCaps collected;
  try {
    type.stream_caps(params, collected);
  } catch (const std::exception& e) {
    hook_problem_ = e.what();
  }
  narrowed_ = collected.take();
}

PortCaps StageCaps::find(const std::string& port, bool input) const {
  const PortSpec* spec = input ? type_.spec.find_input(port) : type_.spec.find_output(port);
  PortCaps result;
  const std::string where = "stream port '" + stage_id_ + "." + port + "' (" + type_.name + ")";
  if (!hook_problem_.empty()) {
    result.problem = where + ": its caps hook failed: " + hook_problem_;
    return result;
  }
  auto declared = spec ? parse_caps(spec->type) : nullptr;
  if (!declared) {
    result.problem = where + " declares caps that do not parse: '" + (spec ? spec->type : "") + "'";
    return result;
  }
  result.caps = declared;
  if (auto fixed = narrowed_.find({input, port}); fixed != narrowed_.end()) {
    auto narrowed = parse_caps(fixed->second);
    if (!narrowed) {
      result.caps = nullptr;
      result.problem = where + ": its caps for these params do not parse: '" + fixed->second + "'";
      return result;
    }
    result.caps = std::shared_ptr<GstCaps>(gst_caps_intersect(declared.get(), narrowed.get()), gst_caps_unref);
    if (gst_caps_is_empty(result.caps.get())) {
      result.caps = nullptr;
      result.problem = where + ": its caps for these params (" + fixed->second + ") are outside its template " + spec->type;
      return result;
    }
  }
  result.text = caps_text(result.caps.get());
  return result;
}

}  // namespace reelflow::framework
