#pragma once
#include <source_kit/scene_file_provider.hpp>

#include <reelflow/stage_context.hpp>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace reelflow::source_kit {

// Providers tried in order for each scene (`providers: [openai, stock, generated]`):
// one that fails for a scene falls through to the next with a warning; one whose
// key was refused is not asked again in this run. A chain of one is `provider:`,
// whose errors pass through unchanged.
class ProviderChain final : public SceneFileProvider {
 public:
  struct Link {
    std::string name;
    std::unique_ptr<SceneFileProvider> provider;
    bool disabled = false;
  };

  // `noun` names what the providers give, for messages: "picture", "clip".
  ProviderChain(StageContext& context, std::vector<Link> links, std::string noun);

  Status file_for(std::size_t index, const Scene& scene, std::filesystem::path& file) override;

  // The provider that gave each file so far, in scene order.
  const std::vector<std::string>& sources() const { return sources_; }

 private:
  StageContext& context_;
  std::vector<Link> links_;
  std::vector<std::string> sources_;
  std::string noun_;
};

}  // namespace reelflow::source_kit
