// Values to JSON and back: every port type survives the round trip, and bad
// JSON is refused with a message that names the problem.
#include "graph/value_json.hpp"

#include <gtest/gtest.h>

namespace reelflow::testing {
namespace {

using framework::value_from_json;
using framework::value_to_json;

std::vector<Value> samples() {
  SceneList scenes{"title", {Scene{0, "n0", "c0", "v0", 4.5, 0.0, 0.0, "/tmp/t0.png"},
                             Scene{1, "n1", "c1", "v1", 5.25, 1.5, 6.75, {}}}};
  AudioTrack audio{{AudioClip{0, "/w/a0.wav", 1.25, {WordTiming{"hello", 0.0, 0.5}, WordTiming{"world", 0.5, 1.2}}},
                    AudioClip{1, "a1.wav", 2.0, {}}}};
  return {Text{"héllo \"quoted\"\n"},
          Script{"topic", "title", "hook", {ScriptScene{"n", "c", "v"}, ScriptScene{"n2", "c2", "v2"}}},
          scenes,
          audio,
          ImageSet{{"/i/0.png", "relative/1.jpg"}},
          VideoFile{"/o/final.mp4", 12.5, 1080, 1920, 29.97},
          FileRef{"/o/list.json", "application/json"},
          FileRef{"x", ""}};
}

TEST(ValueJson, EveryTypeRoundTrips) {
  for (const auto& value : samples()) {
    const auto json = value_to_json(value);
    const Value back = value_from_json(nlohmann::json::parse(json.dump()));
    EXPECT_EQ(value_type_of(back), value_type_of(value));
    EXPECT_EQ(value_to_json(back), json) << json.dump();
  }
  const auto scenes = std::get<SceneList>(value_from_json(value_to_json(samples()[2])));
  EXPECT_EQ(scenes.scenes[0].thumbnail, "/tmp/t0.png");
  EXPECT_TRUE(scenes.scenes[1].thumbnail.empty());
  EXPECT_DOUBLE_EQ(scenes.scenes[1].end_s, 6.75);
  const auto audio = std::get<AudioTrack>(value_from_json(value_to_json(samples()[3])));
  EXPECT_EQ(audio.clips[0].words[1].word, "world");
  EXPECT_DOUBLE_EQ(audio.clips[0].words[1].end_s, 1.2);
}

TEST(ValueJson, BadJsonIsRefusedWithAReason) {
  auto message = [](const nlohmann::json& j) {
    try {
      value_from_json(j);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  EXPECT_EQ(message(nlohmann::json::array()), "a value must be a JSON object with a string \"type\"");
  // A type the runtime does not know is a plugin's: its value must come with it.
  EXPECT_EQ(message({{"type", "hologram"}}), "a 'hologram' value has neither \"value\" nor \"json\"");
  const Value record = value_from_json({{"type", "acme.detections"}, {"value", {{"t", 1.5}}}});
  ASSERT_TRUE(std::holds_alternative<Record>(record));
  EXPECT_EQ(std::get<Record>(record).type, "acme.detections");
  EXPECT_EQ(nlohmann::json::parse(std::get<Record>(record).json), (nlohmann::json{{"t", 1.5}}));
  EXPECT_EQ(value_to_json(record), (nlohmann::json{{"type", "acme.detections"}, {"value", {{"t", 1.5}}}}));
  EXPECT_EQ(message({{"type", "video"}, {"path", "/x.mp4"}}).rfind("bad video value: ", 0), 0u);
  EXPECT_EQ(message({{"type", "text"}, {"text", 42}}).rfind("bad text value: ", 0), 0u);
}

}  // namespace
}  // namespace reelflow::testing
