// The plugin test kit (reelflow/testing.hpp) as a plugin author uses it: a stage
// checked and run outside any graph, what it reported read back, test media that
// decodes as asked. (Every in-tree plugin test also runs through it: StageHarness.)
#include "media_probe.hpp"
#include "temp_dir.hpp"

#include <reelflow/testing.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

namespace reelflow::testing {
namespace {

const std::filesystem::path kTestPlugins = REELFLOW_TEST_PLUGIN_DIR;

StageTester tester_for(const std::filesystem::path& plugins) { return StageTester(StageTesterOptions{{plugins}}); }

std::string all(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  return text;
}

TEST(PluginTestKit, CheckReportsEveryProblemWithItsLineInTheParams) {
  auto tester = tester_for(kTestPlugins / "lazy");
  ASSERT_TRUE(tester.has_stage_type("test_checked")) << all(tester.load_failures());
  // Line 1 is fine; line 2 has a value out of range; line 3 an unknown name; `count` is missing.
  const auto problems = tester.check("test_checked", "word: good\nweight: 11.0\ncolour: red\n");
  EXPECT_EQ(problems.size(), 3u) << all(problems);
  const std::string text = all(problems);
  EXPECT_NE(text.find("<params>:2:"), std::string::npos) << text;
  EXPECT_NE(text.find("<params>:3:"), std::string::npos) << text;
  EXPECT_NE(text.find("colour"), std::string::npos) << text;
  EXPECT_NE(text.find("count"), std::string::npos) << text;
  // The stage type's own check runs once the params bind.
  const auto own = tester.check("test_checked", "word: bad\ncount: 1\n");
  ASSERT_EQ(own.size(), 1u) << all(own);
  EXPECT_NE(own[0].find("the word must not be 'bad'"), std::string::npos) << own[0];
  EXPECT_TRUE(tester.check("test_checked", "word: good\ncount: 1\n").empty());
}

TEST(PluginTestKit, ARunGivesOutputsEmittedValuesLogAndProgress) {
  auto tester = tester_for(kTestPlugins / "good");
  auto run = tester.run("test_marks", "count: 3");
  ASSERT_TRUE(run.status) << run.status.message();
  EXPECT_EQ(run.output_as<Text>("text").text, "3");
  ASSERT_EQ(run.emitted.size(), 3u);
  EXPECT_EQ(run.emitted[0].port, "mark");
  EXPECT_EQ(std::get<Text>(run.emitted[2].value).text, "mark 3");
  EXPECT_NE(all(run.log_lines).find("info: [test_marks] mark 2"), std::string::npos) << all(run.log_lines);
  ASSERT_FALSE(run.progress.empty());
  EXPECT_DOUBLE_EQ(run.progress.back(), 1.0);
  EXPECT_THROW(run.output("mark"), std::out_of_range);  // emitted, never set
  EXPECT_THROW(run.output_as<FileRef>("text"), std::invalid_argument);
}

TEST(PluginTestKit, BadParamsFailTheRunBeforeTheStageStarts) {
  auto tester = tester_for(kTestPlugins / "good");
  auto run = tester.run("test_marks", "count: -1");
  EXPECT_FALSE(run.status);
  EXPECT_NE(run.status.message().find("<params>:1:"), std::string::npos) << run.status.message();
  EXPECT_TRUE(run.emitted.empty());
  EXPECT_TRUE(run.log_lines.empty());
  EXPECT_FALSE(tester.run("test_marks", "[not, a, mapping]").status);
}

TEST(PluginTestKit, InputsAreCheckedAsAGraphsEdgesAre) {
  auto tester = tester_for(kTestPlugins / "good");
  auto missing = tester.run("test_concat", "", {{"a", Text{"x"}}});
  EXPECT_FALSE(missing.status);
  EXPECT_NE(missing.status.message().find("required input 'b' is not given (text)"), std::string::npos)
      << missing.status.message();
  const auto problems = tester.check("test_concat", "", {{"a", SceneList{}}, {"b", Text{"y"}}, {"c", Text{"z"}}});
  const std::string text = all(problems);
  EXPECT_NE(text.find("input 'a' takes text, not scenes"), std::string::npos) << text;
  EXPECT_NE(text.find("'test_concat' has no value input 'c'"), std::string::npos) << text;
  EXPECT_EQ(tester.run("test_concat", "", {{"a", Text{"x"}}, {"b", Text{"y"}}}).output_as<Text>("text").text, "x+y");
}

TEST(PluginTestKit, AStreamStageIsSentToAGraphAndAMissingPluginIsNamed) {
  auto streams = tester_for(kTestPlugins / "streams");
  auto run = streams.run("test_stream_sink", "");
  EXPECT_FALSE(run.status);
  EXPECT_NE(run.status.message().find("stream stage"), std::string::npos) << run.status.message();

  auto missing = tester_for(kTestPlugins / "no-such-plugin.so");
  ASSERT_EQ(missing.load_failures().size(), 1u);
  EXPECT_NE(missing.load_failures()[0].find("no-such-plugin.so: no such file"), std::string::npos);
  auto unknown = missing.run("test_marks", "");
  EXPECT_NE(unknown.status.message().find("unknown stage type 'test_marks'; "), std::string::npos)
      << unknown.status.message();
}

TEST(PluginTestKit, ToneWavIsTheToneAskedFor) {
  TempDir dir;
  const auto wav = dir.path() / "sub" / "tone.wav";
  ASSERT_TRUE(make_tone_wav(wav, 1.5, 1000.0, 16000));
  auto info = probe_media(wav);
  ASSERT_TRUE(info);
  EXPECT_NEAR(info->duration_s, 1.5, 0.07);
  EXPECT_EQ(info->audio_channels, 1);
  EXPECT_EQ(info->audio_rate, 16000);
  // Its pitch: zero crossings of the decoded signal, two per period.
  const auto samples = decode_audio_mono(wav, 16000);
  ASSERT_GT(samples.size(), 16000u);
  int crossings = 0;
  for (std::size_t i = 1; i < 16000; ++i) crossings += (samples[i - 1] < 0) != (samples[i] < 0);
  EXPECT_NEAR(crossings / 2.0, 1000.0, 5.0);
  EXPECT_GT(rms_db(samples, 0.1, 1.4, 16000), -12.0);  // a full-scale-ish tone, not silence
}

TEST(PluginTestKit, ColorBarsDecodeAsBarsOfTheAskedSizeAndLength) {
  TempDir dir;
  const auto mp4 = dir.path() / "bars.mp4";
  ASSERT_TRUE(make_color_bars_mp4(mp4, 2.0, 320, 240, 25));
  auto info = probe_media(mp4);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->width, 320);
  EXPECT_EQ(info->height, 240);
  EXPECT_NEAR(info->fps, 25.0, 0.01);
  EXPECT_NEAR(info->duration_s, 2.0, 0.1);
  EXPECT_EQ(info->video_codec, "video/x-h264");
  EXPECT_TRUE(info->has_audio);
  // SMPTE bars, top half: grey, yellow, cyan, green, magenta, red, blue (left to right).
  auto frame = decode_frame_at(mp4, 1.0);
  ASSERT_TRUE(frame);
  auto pixel = [&](int x, int y, int c) { return static_cast<unsigned char>(frame->pixels[(y * frame->width + x) * 3 + c]); };
  const int y = 40, bar = 320 / 7;
  EXPECT_GT(pixel(bar / 2, y, 0), 150);  // grey: all channels alike
  EXPECT_NEAR(pixel(bar / 2, y, 0), pixel(bar / 2, y, 2), 20);
  EXPECT_GT(pixel(bar + bar / 2, y, 0), 150);  // yellow: red and green, no blue
  EXPECT_LT(pixel(bar + bar / 2, y, 2), 60);
  EXPECT_LT(pixel(6 * bar + bar / 2, y, 0), 60);  // blue: no red
  EXPECT_GT(pixel(6 * bar + bar / 2, y, 2), 150);

  const auto no_audio = dir.path() / "silent.mp4";
  ASSERT_TRUE(make_color_bars_mp4(no_audio, 1.0, 64, 64, 10, false));
  EXPECT_FALSE(probe_media(no_audio)->has_audio);
}

TEST(PluginTestKit, BadMediaRequestsAreRefusedAndLeaveNoFile) {
  TempDir dir;
  EXPECT_FALSE(make_tone_wav(dir.path() / "a.wav", -1));
  EXPECT_FALSE(make_color_bars_mp4(dir.path() / "b.mp4", 1.0, 8, 8));
  EXPECT_FALSE(make_color_bars_mp4(dir.path() / "b.mp4", 0.01, 64, 64, 10));  // not one frame
  EXPECT_FALSE(make_tone_wav(dir.path() / "a.wav", 1.0, 30000.0, 48000));     // above Nyquist
  const auto a_file = dir.path() / "a-file";
  std::ofstream(a_file) << "x";
  auto status = make_tone_wav(a_file / "tone.wav", 0.5);  // its directory is a file
  EXPECT_FALSE(status);
  EXPECT_NE(status.message().find("tone.wav"), std::string::npos) << status.message();
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "a.wav"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "b.mp4"));
}

}  // namespace
}  // namespace reelflow::testing
