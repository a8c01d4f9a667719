#include "sidecar_stage.hpp"

#include "render_timeline.hpp"
#include "sidecar_file.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <sstream>
#include <stdexcept>

namespace reelflow::compositor {
namespace {

using nlohmann::json;

// The llm_script plugin's value type: title, description, hashtags, writer.
constexpr const char* kPublishingType = "publishing";

double millis(double seconds) { return std::round(seconds * 1000.0) / 1000.0; }

json publishing_of(const Value* value) {
  if (!value) return json::object();
  const auto* record = std::get_if<Record>(value);
  if (!record || record->type != kPublishingType)
    throw std::invalid_argument("input 'publishing' is not a publishing value");
  json p = json::parse(record->json, nullptr, /*allow_exceptions=*/false);
  if (!p.is_object()) throw std::invalid_argument("input 'publishing' is not a JSON object");
  return p;
}

// Who gave each picture (image_source's `sources`: one provider a line, in scene
// order); none without the input. One a scene, or the input is not about these scenes.
std::vector<std::string> picture_sources_of(const Value* value, std::size_t scene_count) {
  std::vector<std::string> lines;
  if (!value) return lines;
  const auto* text = std::get_if<Text>(value);
  if (!text) throw std::invalid_argument("input 'picture_sources' is not text");
  std::istringstream in(text->text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  if (lines.size() != scene_count)
    throw std::invalid_argument("input 'picture_sources' names " + std::to_string(lines.size()) + " pictures for " +
                                std::to_string(scene_count) + " scenes (one provider a line, in scene order)");
  return lines;
}

// "pictures: openai (5), stock (1)": each provider once, in the order first used.
std::string pictures_credit(const std::vector<std::string>& providers) {
  std::vector<std::pair<std::string, int>> counts;
  for (const auto& provider : providers) {
    auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == provider; });
    if (it == counts.end()) counts.emplace_back(provider, 1);
    else ++it->second;
  }
  std::string text = "pictures: ";
  for (std::size_t i = 0; i < counts.size(); ++i)
    text += (i ? ", " : "") + counts[i].first + " (" + std::to_string(counts[i].second) + ")";
  return text;
}

json scenes_of(const RenderTimeline& timeline, const std::vector<std::string>& picture_sources) {
  json scenes = json::array();
  for (std::size_t i = 0; i < timeline.scenes.size(); ++i) {
    const auto& s = timeline.scenes[i];
    json scene = {{"index", s.index},
                  {"start_s", millis(s.start_s)},
                  {"duration_s", millis(s.duration_s)},
                  {"narration", s.narration},
                  {"picture", s.visual}};
    if (!picture_sources.empty()) scene["picture_source"] = picture_sources[i];
    scenes.push_back(std::move(scene));
  }
  return scenes;
}

json sources_of(const json& publishing, const std::vector<std::string>& picture_sources,
                const std::vector<std::string>& named) {
  json sources = json::array();
  if (publishing.contains("writer") && publishing["writer"].is_string())
    sources.push_back("script: " + publishing["writer"].get<std::string>());
  if (!picture_sources.empty()) sources.push_back(pictures_credit(picture_sources));
  for (const auto& source : named) sources.push_back(source);
  return sources;
}

}  // namespace

void SidecarStage::setup(StageSpec& spec) {
  spec.describe("Writes the video's publishing metadata as a JSON file beside it: title, description, hashtags, "
                "duration, scenes (start, duration, narration, picture) and sources.");
  spec.input("timeline", kTimelineType, "the render's timeline (compose or compositor)");
  spec.input("video", types::video, "the finished video: its duration, size, and the sidecar's name");
  spec.input("publishing", kPublishingType, "title, description and hashtags (llm_script)").optional();
  spec.input("location", types::text, "where the video was published (uploader)").optional();
  spec.input("picture_sources", types::text,
             "who gave each picture, one provider a line in scene order (image_source's sources): credited in "
             "sources and per scene")
      .optional();
  spec.output("metadata", types::file, "the JSON sidecar");
  spec.param("name", "", "file name without extension; empty: the video's (short-video.mp4 -> short-video.json)");
  spec.param("sources", std::vector<std::string>{},
             "what else made the video, as the graph configured it, e.g. [\"voice: espeak-ng en-us\"] (the "
             "pictures' providers come from the picture_sources input)");
  spec.trust("name", ParamTrust::Path).trust("sources", ParamTrust::FreeText);
}

Status SidecarStage::process(StageContext& ctx) {
  try {
    const RenderTimeline timeline = timeline_from(ctx.input("timeline"));
    const auto& video = ctx.input_as<VideoFile>("video");
    const json publishing = publishing_of(ctx.input("publishing"));
    const auto picture_sources = picture_sources_of(ctx.input("picture_sources"), timeline.scenes.size());
    json location = nullptr;
    if (const auto* text = ctx.input("location") ? std::get_if<Text>(ctx.input("location")) : nullptr)
      location = text->text;

    json sidecar = {
        {"title", publishing.value("title", json())},
        {"description", publishing.value("description", json())},
        {"hashtags", publishing.value("hashtags", json::array())},
        {"video", video.path.filename().string()},
        {"duration_s", millis(video.duration_s > 0.0 ? video.duration_s : timeline.duration_s)},
        {"width", video.width},
        {"height", video.height},
        {"fps", video.fps},
        {"published", location},
        {"scenes", scenes_of(timeline, picture_sources)},
        {"sources", sources_of(publishing, picture_sources, ctx.params().list("sources"))},
    };
    const auto file = sidecar_path(ctx, ctx.params().str("name"), ctx.input("video"), ".json", "metadata");
    write_atomically(file, sidecar.dump(2) + "\n");
    ctx.log(LogLevel::Info, "wrote " + file.string());
    ctx.set_output("metadata", FileRef{file, "application/json"});
    return Status::ok();
  } catch (const std::exception& e) {
    return Status::error(std::string("sidecar: ") + e.what());
  }
}

}  // namespace reelflow::compositor
