#pragma once
#include "clip_fetcher.hpp"
#include "prediction_api.hpp"
#include "source_kit.hpp"

#include <reelflow/stage_context.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace reelflow::clip_source {

struct PredictionSettings {
  std::string base_url;  // predictions are made at {base_url}/v1/predictions
  std::string model;     // "owner/name", sent when version is empty
  std::string version;
  std::string api_key;  // sent as Authorization: Bearer, to base_url's origin only
  double max_wait_s = 600.0;  // from the create request to a finished prediction
  double first_poll_s = 1.0;  // then 1.5x longer each time, at most kMaxPollGapS
  FetchSettings fetch;
};

// Makes a clip per scene with a long-running prediction: text to video from the
// scene's visual text, or image to video when the scene has a picture. The result is
// kept in the download cache under the request (never the key), so a re-run asks nothing.
class PredictionClipProvider final : public SceneFileProvider {
 public:
  static constexpr double kMaxPollGapS = 10.0;

  // `pictures`: one per scene (image to video), or none (text to video). Scene number
  // `index` uses pictures[index % n]: a retake's number is shifted by whole scene counts.
  PredictionClipProvider(StageContext& context, PredictionSettings settings,
                         std::vector<std::filesystem::path> pictures);

  Status file_for(std::size_t index, const Scene& scene, std::filesystem::path& file) override;
  bool refused_credentials() const override { return refused_credentials_; }

 private:
  Status predict(const std::string& body, Prediction& prediction);
  Status send(HttpRequest request, const std::string& what, Prediction& prediction);
  // Sleeps `seconds` in short steps; false when the stage was cancelled meanwhile.
  bool wait(double seconds) const;
  void cancel(const Prediction& prediction);

  StageContext& context_;
  PredictionSettings settings_;
  std::vector<std::filesystem::path> pictures_;
  ClipFetcher fetcher_;
  bool refused_credentials_ = false;
};

}  // namespace reelflow::clip_source
