#include <source_kit/provider_chain.hpp>

#include <source_kit/scene_text.hpp>

namespace reelflow::source_kit {
namespace {

// A provider's message without its own "scene N: " (the chain's message names the scene once).
std::string reason(const std::string& message, std::size_t index) {
  const std::string label = scene_label(index) + ": ";
  return message.rfind(label, 0) == 0 ? message.substr(label.size()) : message;
}

}  // namespace

ProviderChain::ProviderChain(StageContext& context, std::vector<Link> links, std::string noun)
    : context_(context), links_(std::move(links)), noun_(std::move(noun)) {}

Status ProviderChain::file_for(std::size_t index, const Scene& scene, std::filesystem::path& file) {
  if (links_.size() == 1) {
    if (Status ok = links_.front().provider->file_for(index, scene, file); !ok) return ok;
    sources_.push_back(links_.front().name);
    return Status::ok();
  }
  std::string failures;
  for (std::size_t i = 0; i < links_.size(); ++i) {
    Link& link = links_[i];
    if (link.disabled) {
      failures += (failures.empty() ? "" : "; ") + link.name + ": its key was refused earlier in this run";
      continue;
    }
    Status ok = link.provider->file_for(index, scene, file);
    if (ok) {
      sources_.push_back(link.name);
      return ok;
    }
    const std::string why = reason(ok.message(), index);
    failures += (failures.empty() ? "" : "; ") + link.name + ": " + why;
    std::string warning = scene_label(index) + ": provider '" + link.name + "' failed (" + why + ")";
    if (link.provider->refused_credentials()) {
      link.disabled = true;
      warning += "; not asking it again in this run";
    }
    for (std::size_t next = i + 1; next < links_.size(); ++next)
      if (!links_[next].disabled) {
        warning += ", trying '" + links_[next].name + "'";
        break;
      }
    context_.log(LogLevel::Warn, warning);
  }
  return Status::error(scene_label(index) + ": no provider gave a " + noun_ + ": " + failures);
}

}  // namespace reelflow::source_kit
