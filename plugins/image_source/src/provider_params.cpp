#include "provider_params.hpp"

#include "folder_provider.hpp"
#include "generated_provider.hpp"
#include "http_provider.hpp"
#include "source_kit.hpp"
#include "openai_provider.hpp"

#include <algorithm>

namespace reelflow::image_source {
namespace {

FetchSettings fetch_settings(const ParamSet& params) { return source_kit::fetch_settings(params, "max_image_bytes"); }

Status make_provider(StageContext& context, const std::string& name, ImageSize size, const std::filesystem::path& dir,
                     std::unique_ptr<ImageProvider>& provider) {
  const ParamSet& params = context.params();
  if (name == "folder") {
    std::vector<std::filesystem::path> files;
    const auto order = params.str("order") == "shuffle-seeded" ? FileOrder::ShuffleSeeded : FileOrder::Name;
    if (Status ok = list_files(params.str("folder"), params.str("pattern"), order,
                               static_cast<std::uint64_t>(params.integer("seed")), "image files", files);
        !ok)
      return ok;
    provider = std::make_unique<FolderProvider>(std::move(files), size, dir);
  } else if (name == "http" || name == "stock") {
    HttpSourceSettings settings{params.str("search_url"), params.list("urls"), params.str("api_key"),
                                fetch_settings(params)};
    provider = std::make_unique<HttpProvider>(context, std::move(settings), size, dir);
  } else if (name == "openai") {
    OpenAiImageSettings settings{params.str("openai_base_url"), params.str("openai_model"),
                                 params.str("openai_api_key"), params.str("art_style"), fetch_settings(params)};
    provider = std::make_unique<OpenAiProvider>(context, std::move(settings), size, dir);
  } else {
    provider = std::make_unique<GeneratedProvider>(size, params.integer("seed"), dir);
  }
  return Status::ok();
}

}  // namespace

void check_provider_params(const CheckContext& context, CheckReport& report) {
  const ParamSet& params = context.params();
  const auto& chain = params.list("providers");
  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (std::find(kProviderNames.begin(), kProviderNames.end(), chain[i]) == kProviderNames.end())
      report.error("providers", "unknown provider '" + chain[i] + "'", "generated, folder, http, stock or openai");
    else if (std::find(chain.begin(), chain.begin() + static_cast<std::ptrdiff_t>(i), chain[i]) !=
             chain.begin() + static_cast<std::ptrdiff_t>(i))
      report.error("providers", "provider '" + chain[i] + "' is listed twice", "each provider once");
  }
  const std::string& style = params.str("art_style");
  if (style.size() > kMaxArtStyleBytes)
    report.error("art_style", "art_style is " + std::to_string(style.size()) + " bytes long",
                 "at most " + std::to_string(kMaxArtStyleBytes));
  if (style.find_first_of("\r\n") != std::string::npos)
    report.error("art_style", "art_style has a line break", "one line");
}

Status make_provider_chain(StageContext& context, ImageSize size, const std::filesystem::path& dir,
                           std::unique_ptr<ProviderChain>& chain) {
  std::vector<ProviderChain::Link> links;
  for (const std::string& name : source_kit::provider_names(context.params())) {
    ProviderChain::Link link{name, nullptr};
    if (Status ok = make_provider(context, name, size, dir, link.provider); !ok) return ok;
    links.push_back(std::move(link));
  }
  chain = std::make_unique<ProviderChain>(context, std::move(links), "picture");
  return Status::ok();
}

}  // namespace reelflow::image_source
