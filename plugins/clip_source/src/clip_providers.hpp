#pragma once
// The providers a stage's params ask for (`provider:` or the chain `providers:`),
// checked when the graph is validated and built when the stage runs.
#include "source_kit.hpp"

#include <reelflow/stage_check.hpp>
#include <reelflow/stage_context.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace reelflow::clip_source {

inline const std::vector<std::string> kProviderNames = {"folder", "stock", "prediction"};
inline const std::vector<std::string> kNetworkProviders = {"stock", "prediction"};

// The video's frame for `aspect` (9:16, 16:9, 1:1) unless width/height say otherwise:
// the stock search asks for its orientation and takes the file closest to it.
struct FrameSize {
  int width = 1080;
  int height = 1920;
};
FrameSize frame_size(const ParamSet& params);

// Unknown or repeated chain entries, each at its param.
void check_provider_params(const CheckContext& context, CheckReport& report);

// The chain, in order; an error when one cannot be set up (a missing folder).
// `pictures`: the scenes' pictures for image to video (may be empty).
Status make_clip_chain(StageContext& context, const std::vector<std::filesystem::path>& pictures,
                       std::unique_ptr<ProviderChain>& chain);

}  // namespace reelflow::clip_source
