#include "clip_providers.hpp"

#include "folder_clip_provider.hpp"
#include "prediction_clip_provider.hpp"
#include "stock_clip_provider.hpp"

#include <algorithm>
#include <cmath>

namespace reelflow::clip_source {
namespace {

FetchSettings fetch_settings(const ParamSet& params) { return source_kit::fetch_settings(params, "max_clip_bytes"); }

Status make_provider(StageContext& context, const std::string& name, const std::vector<std::filesystem::path>& pictures,
                     std::unique_ptr<SceneFileProvider>& provider) {
  const ParamSet& params = context.params();
  if (name == "folder") {
    std::vector<std::filesystem::path> files;
    if (Status ok = list_files(params.str("folder"), params.str("pattern"), FileOrder::Name, 0, "video files", files);
        !ok)
      return ok;
    provider = std::make_unique<FolderClipProvider>(std::move(files), static_cast<std::uint64_t>(params.integer("seed")));
  } else if (name == "stock") {
    const FrameSize frame = frame_size(params);
    provider = std::make_unique<StockClipProvider>(
        context, StockClipSettings{params.str("stock_base_url"), params.str("stock_api_key"),
                                   static_cast<int>(params.integer("per_page")), frame.width, frame.height,
                                   fetch_settings(params)});
  } else {
    provider = std::make_unique<PredictionClipProvider>(
        context,
        PredictionSettings{params.str("prediction_base_url"), params.str("prediction_model"),
                           params.str("prediction_version"), params.str("prediction_api_key"),
                           params.number("max_wait_s"), params.number("poll_s"), fetch_settings(params)},
        pictures);
  }
  return Status::ok();
}

}  // namespace

FrameSize frame_size(const ParamSet& params) {
  const std::string& aspect = params.str("aspect");
  FrameSize shape = aspect == "16:9" ? FrameSize{1920, 1080} : aspect == "1:1" ? FrameSize{1080, 1080} : FrameSize{};
  const auto width = static_cast<int>(params.integer("width")), height = static_cast<int>(params.integer("height"));
  if (width > 0 && height > 0) return {width, height};
  if (width > 0) return {width, static_cast<int>(std::lround(double(width) * shape.height / shape.width))};
  if (height > 0) return {static_cast<int>(std::lround(double(height) * shape.width / shape.height)), height};
  return shape;
}

void check_provider_params(const CheckContext& context, CheckReport& report) {
  const auto& chain = context.params().list("providers");
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const auto before = chain.begin() + static_cast<std::ptrdiff_t>(i);
    if (std::find(kProviderNames.begin(), kProviderNames.end(), chain[i]) == kProviderNames.end())
      report.error("providers", "unknown provider '" + chain[i] + "'", "folder, stock or prediction");
    else if (std::find(chain.begin(), before, chain[i]) != before)
      report.error("providers", "provider '" + chain[i] + "' is listed twice", "each provider once");
  }
}

Status make_clip_chain(StageContext& context, const std::vector<std::filesystem::path>& pictures,
                       std::unique_ptr<ProviderChain>& chain) {
  std::vector<ProviderChain::Link> links;
  for (const std::string& name : source_kit::provider_names(context.params())) {
    ProviderChain::Link link{name, nullptr};
    if (Status ok = make_provider(context, name, pictures, link.provider); !ok) return ok;
    links.push_back(std::move(link));
  }
  chain = std::make_unique<ProviderChain>(context, std::move(links), "clip");
  return Status::ok();
}

}  // namespace reelflow::clip_source
