#pragma once
// The providers a stage's params ask for (`provider:` or the chain `providers:`),
// checked when the graph is validated and built when the stage runs.
#include "image_size.hpp"
#include "source_kit.hpp"

#include <reelflow/param.hpp>
#include <reelflow/stage_check.hpp>
#include <reelflow/stage_context.hpp>

#include <memory>
#include <string>
#include <vector>

namespace reelflow::image_source {

// Every provider name; `stock` is another name for `http`.
inline const std::vector<std::string> kProviderNames = {"generated", "folder", "http", "stock", "openai"};
// Those that reach the network.
inline const std::vector<std::string> kNetworkProviders = {"http", "stock", "openai"};
// The art style is graph text sent in every prompt: one line, bounded.
inline constexpr std::size_t kMaxArtStyleBytes = 300;

// Unknown or repeated chain entries and an art style over its bound, each at its param.
void check_provider_params(const CheckContext& context, CheckReport& report);

// The chain of providers, in order; an error when one cannot be set up (a missing folder).
// The chain's providers write their pictures into `dir`.
Status make_provider_chain(StageContext& context, ImageSize size, const std::filesystem::path& dir,
                           std::unique_ptr<ProviderChain>& chain);

}  // namespace reelflow::image_source
