// The graphs shipped in graphs/: every one validates, and the default graph,
// run through the CLI as the README's main command does, makes a video that
// decodes with the expected duration, size, rate, streams and captions, whose
// narrations and highlighted words come when the speech's timings say.
#include "caption_pixels.hpp"
#include "ffprobe_streams.hpp"
#include "loopback_port.hpp"
#include "mark_pixels.hpp"
#include "media_probe.hpp"
#include "subprocess.hpp"
#include "temp_dir.hpp"
#include "wait_until.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

namespace reelflow::testing {
namespace {

const std::filesystem::path kGraphs = std::filesystem::path(REELFLOW_SOURCE_DIR) / "graphs";

struct CliRun {
  int exit_code = -1;
  std::string out, err;
  std::vector<nlohmann::json> events;
};

std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

CliRun run_cli(const std::vector<std::string>& args, const std::filesystem::path& capture) {
  std::vector<std::string> argv = {REELFLOW_CLI_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  Subprocess p(argv, capture);
  CliRun r;
  r.exit_code = p.wait(std::chrono::seconds(600)).value_or(-1);
  r.out = p.out();
  r.err = p.err();
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && line.front() == '{') r.events.push_back(nlohmann::json::parse(line));
  return r;
}

TEST(ExampleGraphs, EveryGraphValidates) {
  TempDir dir;
  // The hosted-services graph takes its keys from the environment.
  ::setenv("OPENAI_API_KEY", "sk-test-not-a-real-key", 1);
  ::setenv("PEXELS_API_KEY", "pexels-test-key", 1);
  ::setenv("UPLOAD_TOKEN", "upload-test-token", 1);
  ::setenv("ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key", 1);
  // The publishing graph's tokens (it never runs here: validation sends nothing).
  ::setenv("YOUTUBE_ACCESS_TOKEN", "ya29.test-not-a-real-token", 1);
  ::setenv("TIKTOK_ACCESS_TOKEN", "act.test-not-a-real-token", 1);
  ::setenv("INSTAGRAM_ACCESS_TOKEN", "IGQ-test-not-a-real-token", 1);
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kGraphs)) {
    if (entry.path().extension() != ".yaml") continue;
    ++count;
    auto r = run_cli({"validate", entry.path().string()}, dir.path() / entry.path().stem());
    EXPECT_EQ(r.exit_code, 0) << entry.path() << "\n" << r.err;
    EXPECT_NE(r.out.find(": valid ("), std::string::npos) << r.out;
  }
  EXPECT_GE(count, 4);
}

// The uploader's publishing params are trusted: a job's free string cannot choose
// where a platform token goes (api_base_url after a graph-written https://, or the
// host itself) nor whose account it posts to (instagram_user_id). The shipped
// publishing graph takes all of them from trusted variables.
TEST(ExampleGraphs, AJobVariableCannotChooseWhereAPlatformTokenGoes) {
  TempDir dir;
  ::setenv("INSTAGRAM_ACCESS_TOKEN", "IGQ-test-not-a-real-token", 1);
  const std::map<std::string, std::string> uses = {{"api_base_url", "\"https://${v}\""},
                                                   {"instagram_user_id", "\"${v}\""}};
  for (const auto& [param, use] : uses) {
    const auto graph = dir.path() / (param + ".yaml");
    std::ofstream(graph) << "reelflow: 1\nname: t\nvariables:\n  v: { type: string, default: x }\nstages:\n"
                            "  - id: src\n    type: file_source\n    params: { path: clip.mp4 }\n"
                            "  - id: publish\n    type: uploader\n    inputs: { file: src.file }\n    params:\n"
                            "      target: instagram\n      access_token: \"${env:INSTAGRAM_ACCESS_TOKEN}\"\n      "
                         << param << ": " << use << "\n";
    auto r = run_cli({"validate", graph.string()}, dir.path() / param);
    EXPECT_EQ(r.exit_code, 2) << param << "\n" << r.out << r.err;
    EXPECT_NE((r.out + r.err).find("variable 'v' may not feed parameter '" + param + "' of stage 'publish' (uploader)"),
              std::string::npos)
        << r.out << r.err;
  }
}

TEST(ExampleGraphs, LiveSourceIsRecordedAndCutIntoShotsAsItPlays) {
  TempDir dir;
  auto r = run_cli({"run", (kGraphs / "live-shot-detect.yaml").string(), "-o", (dir.path() / "out").string(), "--cache-dir",
                    (dir.path() / "cache").string(), "--events", "json", "--set", "duration_s=3"},
                   dir.path() / "capture");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto info = probe_media(dir.path() / "out" / "recording.mp4");
  ASSERT_TRUE(info);
  EXPECT_NEAR(info->duration_s, 3.0, 2.0 / 25);
  std::ifstream list(dir.path() / "out" / "recording-shots.json");
  auto shots = nlohmann::json::parse(list);
  ASSERT_TRUE(shots.is_array() || shots.contains("scenes")) << shots.dump();
  const auto& scenes = shots.is_array() ? shots : shots["scenes"];
  ASSERT_EQ(scenes.size(), 1u);  // one continuous test pattern: no cuts
  EXPECT_NEAR(scenes[0]["end_s"].get<double>(), 3.0, 2.0 / 25);
  // Recording and detection were one segment: they started together and the
  // detector reported its flow while the recording ran.
  int detector_stats = 0;
  for (const auto& e : r.events)
    if (e["event"] == "stage_stats" && e["stage"] == "shots" && e["fps"].get<double>() > 0) ++detector_stats;
  EXPECT_GE(detector_stats, 1);
}

TEST(ExampleGraphs, LiveHlsListsAFirstSegmentWithinSixSecondsAndEndsWithAPlayablePlaylist) {
  TempDir dir;
  const auto playlist = dir.path() / "out" / "live" / "index.m3u8";
  Subprocess run({REELFLOW_CLI_PATH, "run", (kGraphs / "live-hls.yaml").string(), "-o", (dir.path() / "out").string(),
                  "--cache-dir", (dir.path() / "cache").string(), "--set", "duration_s=6"},
                 dir.path() / "capture");
  const bool listed_in_time = wait_until(
      [&] { return read_bytes(playlist).find(".ts") != std::string::npos; }, latency_deadline(std::chrono::seconds(6)));
  EXPECT_TRUE(listed_in_time) << "no segment listed within 6 s of start";
  ASSERT_EQ(run.wait(std::chrono::seconds(60)).value_or(-1), 0) << run.err();
  const std::string text = read_bytes(playlist);
  EXPECT_NE(text.find("#EXT-X-ENDLIST"), std::string::npos) << text;
  double total = 0;
  int segments = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto info = probe_media(playlist.parent_path() / line);
    ASSERT_TRUE(info) << line;
    EXPECT_EQ(info->video_codec, "video/x-h264") << line;
    EXPECT_EQ(info->width, 1280);
    total += info->duration_s;
    ++segments;
  }
  EXPECT_GE(segments, 3);
  EXPECT_NEAR(total, 6.0, 0.5);
}

// graphs/live-hls.yaml fed over SRT by an ffmpeg sender (listener on 127.0.0.1):
// two test patterns with a hard cut 5 s in (late enough that a receiver slow to start,
// as under the sanitizers on a loaded machine, still joins before it). The shot
// detector reports the cut as a stage_output event while the stream still plays, and
// the HLS playlist itself decodes (ffprobe reads it as a player would): 6 s of
// 1280x720 frames.
TEST(ExampleGraphs, LiveHlsFromAnSrtSenderReportsTheCutAsItPlaysAndItsPlaylistDecodes) {
  TempDir dir;
  const int port = free_loopback_port();
  Subprocess sender({"/usr/bin/ffmpeg", "-nostdin", "-loglevel", "error", "-re", "-f", "lavfi", "-i",
                     "testsrc=size=640x360:rate=30:duration=5[a];smptebars=size=640x360:rate=30:duration=10[b];"
                     "[a][b]concat=n=2:v=1:a=0",
                     "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-f", "mpegts",
                     "srt://127.0.0.1:" + std::to_string(port) + "?mode=listener"},
                    dir.path() / "sender");
  ASSERT_TRUE(sender.started());
  const double sender_started = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  // The caller may come before ffmpeg listens: av_source's reconnect covers that.
  CliRun run = run_cli({"run", (kGraphs / "live-hls.yaml").string(), "-o", (dir.path() / "out").string(), "--cache-dir",
                        (dir.path() / "cache").string(), "--events", "json", "--set",
                        "source=srt://127.0.0.1:" + std::to_string(port), "--set", "duration_s=6"},
                       dir.path() / "capture");
  sender.signal(SIGKILL);  // it would send 15 s; the run took 6
  sender.wait(std::chrono::seconds(5));
  ASSERT_EQ(run.exit_code, 0) << run.err << sender.err();

  std::vector<nlohmann::json> cuts;
  double hls_finished = 0, camera_started = 0;
  for (const auto& e : run.events) {
    if (e["event"] == "stage_output" && e["stage"] == "shots" && e["port"] == "cuts") cuts.push_back(e);
    if (e["event"] == "stage_finished" && e["stage"] == "hls") hls_finished = e["elapsed_s"];
    if (e["event"] == "stage_started" && e["stage"] == "camera") camera_started = e["time"];
  }
  ASSERT_EQ(cuts.size(), 1u) << run.out;
  const auto& cut = cuts[0]["value"]["value"];
  EXPECT_EQ(cut["kind"], "cut") << cut.dump();
  // The cut is 5 s into what ffmpeg sends, and a live stream's time starts at the first
  // frame received: what ffmpeg sent before the receiver joined (a slow start, as under
  // the sanitizers, where that is a second or two) is not seen, so the cut comes that
  // much earlier.
  ASSERT_GT(camera_started, 0) << run.out;
  const double joined_late_s = std::max(0.0, camera_started - sender_started);
  EXPECT_GE(cut["time_s"].get<double>(), 5.0 - joined_late_s - 0.5) << cut.dump() << " joined " << joined_late_s << " s late";
  EXPECT_LE(cut["time_s"].get<double>(), 5.5) << cut.dump();
  EXPECT_NEAR(cut["frame"].get<double>() / 30.0, cut["time_s"].get<double>(), 0.2) << "frame and time disagree: " << cut.dump();
  EXPECT_LT(cuts[0]["elapsed_s"].get<double>(), hls_finished) << "reported only at the end";

  const std::string streams = ffprobe_streams(dir.path() / "out" / "live" / "index.m3u8", dir.path() / "probe");
  const std::string video = "codec_type=video|width=1280|height=720|nb_read_frames=";
  const auto at = streams.find(video);
  ASSERT_NE(at, std::string::npos) << streams;
  EXPECT_NEAR(std::stoi(streams.substr(at + video.size())), 6 * 30, 6) << streams;
}

// graphs/short-video-branded.yaml: the watermark is fused between compose and encode,
// so the run leaves one MP4 (and its published copy) and no other video file, not
// even in its kept work dir; the decoded frame shows the watermark picture in the
// top-right box the graph asks for (scale 0.14, the default margin 0.03) and not
// in the mirrored top-left one.
TEST(ExampleGraphs, BrandedGraphEncodesOnceWithTheWatermarkTopRight) {
  TempDir dir;
  const auto out = dir.path() / "out";
  CliRun run = run_cli({"run", (kGraphs / "short-video-branded.yaml").string(), "-o", out.string(), "--cache-dir",
                        (dir.path() / "cache").string(), "--keep-work", "--events", "json", "-j", "2", "--set",
                        "seconds=8", "--set", "aspect=1:1", "--set", "captions=none", "--set", "music=none"},
                       dir.path() / "capture");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto video = out / "short-video-branded.mp4";
  std::string error;
  auto info = probe_media(video, &error);
  ASSERT_TRUE(info) << error;
  EXPECT_EQ(info->video_codec, "video/x-h264");
  EXPECT_EQ(info->width, 1080);
  EXPECT_EQ(info->height, 1080);
  EXPECT_TRUE(info->has_audio);
  EXPECT_GT(info->duration_s, 4.0);

  std::vector<std::filesystem::path> videos;
  const std::set<std::string> video_extensions = {".mp4", ".m4v", ".mov", ".mkv", ".webm", ".ts",
                                                  ".m2ts", ".avi", ".flv", ".y4m", ".h264", ".264"};
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out))
    if (entry.is_regular_file() && video_extensions.count(entry.path().extension().string()))
      videos.push_back(std::filesystem::relative(entry.path(), out));
  std::sort(videos.begin(), videos.end());
  EXPECT_EQ(videos, (std::vector<std::filesystem::path>{"published/short-video-branded.mp4", "short-video-branded.mp4"}));
  EXPECT_TRUE(std::filesystem::exists(out / ".reelflow-work")) << "--keep-work kept no work dir to look in";
  // One pipeline: the render, the overlay, the encoder and the file ran at the same time.
  std::map<std::string, std::pair<double, double>> span;
  for (const auto& e : run.events) {
    if (e["event"] == "stage_started") span[e["stage"]].first = e["elapsed_s"];
    if (e["event"] == "stage_finished") span[e["stage"]].second = e["elapsed_s"];
  }
  for (const char* stage : {"brand", "encode", "video"}) {
    EXPECT_LT(span[stage].first, span["render"].second) << stage;
    EXPECT_LT(span["render"].first, span[stage].second) << stage;
  }

  auto frame = decode_frame_at(video, 2.0);
  ASSERT_TRUE(frame);
  auto mark = decode_picture(kGraphs / "assets" / "watermark.png");
  ASSERT_TRUE(mark);
  const int side = static_cast<int>(std::lround(0.14 * frame->width));  // the mark is square
  const int margin = static_cast<int>(std::lround(0.03 * frame->width));
  const PixelBox top_right{frame->width - margin - side, margin, side, side};
  const PixelBox top_left{margin, margin, side, side};
  const double there = correlation_with_picture(*frame, *mark, top_right);
  const double mirrored = correlation_with_picture(*frame, *mark, top_left);
  EXPECT_GT(there, 0.9) << "top-right, where the graph puts the watermark";
  EXPECT_LT(mirrored, 0.5) << "top-left, where it does not";
  std::cout << "watermark correlation: top-right " << there << ", top-left " << mirrored << "\n";
}

// graphs/two-aspects.yaml: one script and one set of voice clips, rendered by the same
// part (graphs/parts/render.yaml) at 9:16 and at 16:9. The shared stages run once, the
// part's stages once per use; the two videos last as long as each other; a second run
// restores every stage from the stage cache.
TEST(ExampleGraphs, TwoAspectsRendersOneScriptAndVoiceAtBothShapesSharingTheirStages) {
  TempDir dir;
  const auto out = dir.path() / "out";
  auto run_once = [&](const std::string& name) {
    return run_cli({"run", (kGraphs / "two-aspects.yaml").string(), "-o", out.string(), "--cache-dir",
                    (dir.path() / "cache").string(), "--events", "json", "-j", "2", "--set", "seconds=8", "--set",
                    "captions=sentence"},
                   dir.path() / name);
  };
  CliRun run = run_once("first");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::map<std::string, int> started;  // stage id → how often it started
  std::map<std::string, std::string> type_of;
  for (const auto& e : run.events)
    if (e["event"] == "stage_started") {
      ++started[e["stage"]];
      type_of[e["stage"]] = e["type"];
    }
  for (const char* shared : {"script", "scenes", "voice"}) EXPECT_EQ(started[shared], 1) << shared;
  std::vector<std::string> compositors;
  for (const auto& [id, type] : type_of)
    if (type == "compositor") compositors.push_back(id);
  EXPECT_EQ(compositors, (std::vector<std::string>{"horizontal/video", "vertical/video"}));
  EXPECT_EQ(started["vertical/video"], 1);
  EXPECT_EQ(started["horizontal/video"], 1);

  std::string error;
  auto vertical = probe_media(out / "vertical.mp4", &error);
  ASSERT_TRUE(vertical) << error;
  auto horizontal = probe_media(out / "horizontal.mp4", &error);
  ASSERT_TRUE(horizontal) << error;
  EXPECT_EQ(vertical->width, 1080);
  EXPECT_EQ(vertical->height, 1920);
  EXPECT_EQ(horizontal->width, 1920);
  EXPECT_EQ(horizontal->height, 1080);
  for (const auto* info : {&*vertical, &*horizontal}) {
    EXPECT_TRUE(info->has_audio);
    EXPECT_EQ(info->video_codec, "video/x-h264");
  }
  EXPECT_GT(vertical->duration_s, 5.0);
  EXPECT_NEAR(vertical->duration_s, horizontal->duration_s, 0.1);
  // Each shape's subtitles beside it, the same speech at the same times.
  EXPECT_EQ(read_bytes(out / "vertical.srt").substr(0, 2), "1\n");
  EXPECT_EQ(read_bytes(out / "vertical.srt"), read_bytes(out / "horizontal.srt"));

  // Again, with the same cache: nothing runs, every stage is restored.
  CliRun again = run_once("second");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  int finished = 0;
  for (const auto& e : again.events)
    if (e["event"] == "stage_finished") {
      ++finished;
      EXPECT_EQ(e.value("message", ""), "cached") << e.dump();
    }
  EXPECT_EQ(finished, 10);  // pace, script, scenes, voice, and images, video, subtitles per shape
  EXPECT_TRUE(probe_media(out / "vertical.mp4"));
}

// The Flite graph (issue 15: a second offline voice) lands within 5 % of `seconds`:
// its voice_rate measures Flite and the length fit speeds Flite up or down. The
// length is ffprobe's reading of the MP4; every clip has word timings for captions.
TEST(ExampleGraphs, FliteGraphLandsWithinFivePercentOfTenSecondsWithTimedWords) {
  TempDir dir;
  const auto out = dir.path() / "out";
  CliRun run = run_cli({"run", (kGraphs / "short-video-flite.yaml").string(), "-o", out.string(), "--cache-dir",
                        (dir.path() / "cache").string(), "--keep-work", "--events", "json", "-j", "2", "--set",
                        "seconds=10", "--set", "voice=cmu_us_awb", "--set", "topic=Why owls hunt at night", "--set",
                        "music=none"},
                       dir.path() / "capture");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Subprocess ffprobe({"/usr/bin/ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1:nk=1",
                      (out / "short-video-flite.mp4").string()},
                     dir.path() / "ffprobe");
  ASSERT_EQ(ffprobe.wait(std::chrono::seconds(60)).value_or(-1), 0) << ffprobe.err();
  const double duration_s = std::stod(ffprobe.out());
  EXPECT_NEAR(duration_s, 10.0, 0.5);
  std::cout << "flite graph at seconds=10: " << duration_s << " s\n";
  auto info = probe_media(out / "short-video-flite.mp4");
  ASSERT_TRUE(info);
  EXPECT_TRUE(info->has_video);
  EXPECT_TRUE(info->has_audio);

  nlohmann::json outputs;
  for (const auto& e : run.events)
    if (e["event"] == "outputs") outputs = e["outputs"];
  ASSERT_TRUE(outputs.contains("voice.audio")) << run.out;
  ASSERT_FALSE(outputs["voice.audio"]["clips"].empty());
  for (const auto& clip : outputs["voice.audio"]["clips"]) EXPECT_FALSE(clip["words"].empty()) << clip.dump();
}

// The clips graph (issue 15: video clips per scene), offline: each scene plays one of
// the loops shipped in graphs/assets/clips, and the video decodes at the asked length.
TEST(ExampleGraphs, ClipsGraphPlaysAShippedClipPerSceneAtTheAskedLength) {
  TempDir dir;
  const auto out = dir.path() / "out";
  CliRun run = run_cli({"run", (kGraphs / "short-video-clips.yaml").string(), "-o", out.string(), "--cache-dir",
                        (dir.path() / "cache").string(), "--events", "json", "-j", "2", "--set", "seconds=8", "--set",
                        "topic=How volcanoes work"},
                       dir.path() / "capture");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto info = probe_media(out / "short-video-clips.mp4");
  ASSERT_TRUE(info);
  EXPECT_TRUE(info->has_video);
  EXPECT_TRUE(info->has_audio);
  EXPECT_EQ(info->width, 1080);
  EXPECT_EQ(info->height, 1920);
  EXPECT_NEAR(info->duration_s, 8.0, 0.6);
  std::cout << "clips graph at seconds=8: " << info->duration_s << " s\n";

  nlohmann::json outputs;
  for (const auto& e : run.events)
    if (e["event"] == "outputs") outputs = e["outputs"];
  ASSERT_TRUE(outputs.contains("clips.clips")) << run.out;
  const std::string clips = outputs["clips.clips"].dump();
  EXPECT_NE(clips.find("assets/clips/"), std::string::npos) << clips;
  EXPECT_TRUE(outputs.contains("clips.sources")) << run.out;
}

// clip_source's trusted params: a job's variable chooses no folder, API root or model.
TEST(ExampleGraphs, AVariableCannotChooseClipSourcesFolderApiRootsOrModel) {
  TempDir dir;
  const auto graph = dir.path() / "g.yaml";
  std::ofstream(graph) << "reelflow: 1\nname: g\nvariables:\n  v: { type: string, default: x }\nstages:\n"
                          "  - id: script\n    type: llm_script\n    params: { provider: offline, topic: t }\n"
                          "  - id: scenes\n    type: scene_segmenter\n    inputs: { script: script.script }\n"
                          "  - id: clips\n    type: clip_source\n    inputs: { scenes: scenes.scenes }\n"
                          "    params:\n      folder: \"${v}\"\n      pattern: \"${v}\"\n"
                          "      stock_base_url: \"https://${v}\"\n      prediction_base_url: \"https://${v}\"\n"
                          "      prediction_model: \"${v}\"\n      prediction_version: \"${v}\"\n";
  CliRun run = run_cli({"validate", graph.string()}, dir.path() / "capture");
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  for (const char* param : {"folder", "pattern", "stock_base_url", "prediction_base_url", "prediction_model",
                            "prediction_version"})
    EXPECT_NE((run.out + run.err).find("variable 'v' may not feed parameter '" + std::string(param) + "'"),
              std::string::npos)
        << param << ": " << run.out << run.err;
}

struct SrtCue {
  int number = 0;
  double start_s = 0.0;
  double end_s = 0.0;
  std::string text;
};

double srt_seconds(const std::string& t) {  // "00:01:02,345"
  return std::stoi(t.substr(0, 2)) * 3600 + std::stoi(t.substr(3, 2)) * 60 + std::stoi(t.substr(6, 2)) +
         std::stoi(t.substr(9, 3)) / 1000.0;
}

// A SubRip file read strictly: number, "start --> end", text lines, a blank line.
std::vector<SrtCue> parse_srt(const std::string& text, std::string& problem) {
  std::vector<SrtCue> cues;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    SrtCue cue;
    cue.number = std::atoi(line.c_str());
    std::string times;
    if (!std::getline(in, times) || times.size() != 29 || times.substr(12, 5) != " --> ") {
      problem = "bad timing line after cue " + line + ": '" + times + "'";
      return cues;
    }
    cue.start_s = srt_seconds(times.substr(0, 12));
    cue.end_s = srt_seconds(times.substr(17, 12));
    while (std::getline(in, line) && !line.empty()) cue.text += (cue.text.empty() ? "" : " ") + line;
    cues.push_back(cue);
  }
  return cues;
}

// Lower-case letters and digits only, for comparing spoken text with subtitles.
std::string letters_of(const std::string& text) {
  std::string out;
  for (char c : text)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class DefaultGraph : public ::testing::Test {
 protected:
  // Runs graphs/short-video.yaml through the CLI; short, so the suite stays fast. The
  // work dir is kept, so the outputs event lists the voice clips (and their timings).
  static CliRun make_video(const std::filesystem::path& out, const std::string& captions, const std::string& music) {
    return run_cli({"run", (kGraphs / "short-video.yaml").string(), "-o", out.string(), "--cache-dir",
                    (out / ".." / "cache").string(), "--no-cache", "--keep-work", "--events", "json", "-j", "2", "--set",
                    "seconds=10", "--set", "topic=Why leaves change colour", "--set", "captions=" + captions, "--set",
                    "music=" + music},
                   out.parent_path() / ("capture-" + captions));
  }
};

// The length lands within 5 % of `seconds` (issue 15), for a topic no test has used,
// and a 16:9 video gets landscape pictures. Measured by decoding the MP4.
TEST_F(DefaultGraph, SixtySecondsGivesASixtySecondLandscapeVideoWithLandscapePictures) {
  // The sanitizer run checks the same fit on 30 s: instrumented, a 60 s 1080p render
  // takes several minutes of a suite that must stay inside CI's budget.
  const double seconds = REELFLOW_TEST_TIME_SCALE > 1 ? 30.0 : 60.0;
  TempDir dir;
  const auto out = dir.path() / "out";
  CliRun run = run_cli({"run", (kGraphs / "short-video.yaml").string(), "-o", out.string(), "--cache-dir",
                        (dir.path() / "cache").string(), "--keep-work", "--events", "json", "-j", "2", "--set",
                        "seconds=" + std::to_string(static_cast<int>(seconds)), "--set", "aspect=16:9", "--set",
                        "topic=How lighthouses guide ships at night"},
                       dir.path() / "capture");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::string error;
  auto info = probe_media(out / "short-video.mp4", &error);
  ASSERT_TRUE(info) << error;
  std::cout << "default graph at seconds=" << seconds << ": " << info->duration_s << " s\n";
  EXPECT_GE(info->duration_s, 0.95 * seconds);
  EXPECT_LE(info->duration_s, 1.05 * seconds);
  EXPECT_EQ(info->width, 1920);
  EXPECT_EQ(info->height, 1080);

  nlohmann::json outputs;
  for (const auto& e : run.events)
    if (e["event"] == "outputs") outputs = e["outputs"];
  ASSERT_TRUE(outputs.contains("images.images")) << run.out;
  const auto& pictures = outputs["images.images"]["images"];
  ASSERT_FALSE(pictures.empty());
  for (const auto& picture : pictures) {
    auto decoded = decode_picture(picture.get<std::string>());
    ASSERT_TRUE(decoded) << picture;
    EXPECT_GT(decoded->width, decoded->height) << picture;
  }

  // Our own crossfades (0.3 s) are found by shot_detect (issue 13): graphs/shot-detect.yaml
  // on this video gives one shot per scene, each starting inside its scene's crossfade.
  ASSERT_TRUE(outputs.contains("render.timeline")) << run.out;
  const auto& timeline = outputs["render.timeline"].contains("value") ? outputs["render.timeline"]["value"]
                                                                      : outputs["render.timeline"];
  const auto& scenes = timeline["scenes"];
  ASSERT_GE(scenes.size(), 2u);
  CliRun detect = run_cli({"run", (kGraphs / "shot-detect.yaml").string(), "-o", (dir.path() / "shots").string(),
                           "--cache-dir", (dir.path() / "cache").string(), "--set",
                           "video=" + (out / "short-video.mp4").string()},
                          dir.path() / "capture-shots");
  ASSERT_EQ(detect.exit_code, 0) << detect.err;
  std::ifstream list(dir.path() / "shots" / "scenes.json");
  const auto shots = nlohmann::json::parse(list);
  ASSERT_EQ(shots.size(), scenes.size()) << shots.dump();
  for (std::size_t i = 1; i < scenes.size(); ++i) {
    const double fade_start = scenes[i]["start_s"].get<double>();
    const double found = shots[i]["start_s"].get<double>();
    EXPECT_GE(found, fade_start - 0.1) << "scene " << i;
    EXPECT_LE(found, fade_start + 0.3 + 0.1) << "scene " << i;
  }
}

TEST_F(DefaultGraph, MakesAPlayableVideoWithCaptionsInSyncWithSpeech) {
  TempDir dir;
  const auto out = dir.path() / "out";
  // Without music, so the silence between narrations can be checked; the plain run below has the default bed.
  CliRun run = make_video(out, "word", "none");
  ASSERT_EQ(run.exit_code, 0) << run.err;

  // Outputs and per-stage timings from the JSON events.
  nlohmann::json outputs;
  std::map<std::string, std::pair<double, double>> span;  // stage → (start, end) in run time
  for (const auto& e : run.events) {
    if (e["event"] == "outputs") outputs = e["outputs"];
    if (e["event"] == "stage_started") span[e["stage"]].first = e["elapsed_s"];
    if (e["event"] == "stage_finished") span[e["stage"]].second = e["elapsed_s"];
  }
  ASSERT_TRUE(outputs.contains("voice.audio")) << run.out;
  const auto& clips = outputs["voice.audio"]["clips"];
  ASSERT_GE(clips.size(), 2u);

  // Speech and pictures were made at the same time.
  EXPECT_LT(std::max(span["voice"].first, span["images"].first), std::min(span["voice"].second, span["images"].second));

  const auto video = out / "short-video.mp4";
  std::string error;
  auto info = probe_media(video, &error);
  ASSERT_TRUE(info) << error;
  EXPECT_TRUE(info->has_video);
  EXPECT_TRUE(info->has_audio);
  EXPECT_EQ(info->video_codec, "video/x-h264");
  EXPECT_EQ(info->audio_codec, "audio/mpeg");
  EXPECT_EQ(info->width, 1080);
  EXPECT_EQ(info->height, 1920);
  EXPECT_DOUBLE_EQ(info->fps, 30.0);

  // Scenes follow the speech: each lasts its clip plus 0.4 s padding, overlapping
  // its neighbour by the 0.3 s crossfade (docs/stages/compositor.md).
  double expected = 0;
  std::vector<double> scene_start;
  for (const auto& clip : clips) {
    scene_start.push_back(expected);
    expected += clip["duration_s"].get<double>() + 0.4 - 0.3;
  }
  expected += 0.3;
  // The picture is exact to a frame; the container may add one AAC frame of padding.
  EXPECT_NEAR(outputs["video.video"]["duration_s"].get<double>(), expected, 1.0 / 30);
  EXPECT_NEAR(info->duration_s, expected, 1.0 / 30 + 1024.0 / 44100) << "clips: " << clips.dump();

  // The thumbnail decodes, and the published copy is the same file.
  auto thumbnail = probe_media(out / "short-video.jpg", &error);
  ASSERT_TRUE(thumbnail) << error;
  EXPECT_EQ(thumbnail->width, 1080);
  EXPECT_EQ(thumbnail->height, 1920);
  auto published = out / "published" / "short-video.mp4";
  ASSERT_TRUE(std::filesystem::exists(published));
  EXPECT_TRUE(read_bytes(published) == read_bytes(video)) << "the published copy differs from the video";

  // Subtitles beside the MP4: valid SubRip, cues in order, the narration's words, each
  // cue starting when its first word is spoken (its scene's start for a scene's first).
  std::string problem;
  const auto cues = parse_srt(read_bytes(out / "short-video.srt"), problem);
  ASSERT_TRUE(problem.empty()) << problem;
  ASSERT_FALSE(cues.empty());
  std::string spoken, subtitled;
  for (const auto& scene : outputs["scenes.scenes"]["scenes"]) spoken += letters_of(scene["narration"]);
  std::vector<double> word_starts;  // on the video's clock, in speaking order
  std::vector<std::string> word_letters;
  for (std::size_t i = 0; i < clips.size(); ++i)
    for (std::size_t w = 0; w < clips[i]["words"].size(); ++w) {
      word_starts.push_back(w == 0 ? scene_start[i] : scene_start[i] + clips[i]["words"][w]["start_s"].get<double>());
      word_letters.push_back(letters_of(clips[i]["words"][w]["word"]));
    }
  std::size_t next_word = 0;
  for (std::size_t k = 0; k < cues.size(); ++k) {
    SCOPED_TRACE("cue " + std::to_string(k + 1) + " '" + cues[k].text + "'");
    EXPECT_EQ(cues[k].number, static_cast<int>(k + 1));
    EXPECT_LT(cues[k].start_s, cues[k].end_s);
    if (k > 0) {
      EXPECT_GE(cues[k].start_s, cues[k - 1].end_s);
    }
    subtitled += letters_of(cues[k].text);
    while (next_word < word_letters.size() && word_letters[next_word].empty()) ++next_word;
    ASSERT_LT(next_word, word_starts.size());
    EXPECT_NEAR(cues[k].start_s, word_starts[next_word], 2.0 / 30);
    std::string cue_letters = letters_of(cues[k].text);
    while (next_word < word_letters.size() && cue_letters.starts_with(word_letters[next_word])) {
      cue_letters.erase(0, word_letters[next_word].size());
      ++next_word;
    }
    EXPECT_TRUE(cue_letters.empty()) << "left over: " << cue_letters;
  }
  EXPECT_EQ(subtitled, spoken);
  EXPECT_LE(cues.back().end_s, info->duration_s + 1.0 / 30);
  const std::string vtt = read_bytes(out / "short-video.vtt");
  EXPECT_EQ(vtt.substr(0, 8), "WEBVTT\n\n");

  // The sidecar: what the script stage said, the video's duration, the scenes where they play.
  const auto sidecar = nlohmann::json::parse(read_bytes(out / "short-video.json"));
  EXPECT_EQ(sidecar["title"], outputs["script.script"]["title"]);
  EXPECT_EQ(sidecar["description"], outputs["script.script"]["hook"]);
  ASSERT_FALSE(sidecar["hashtags"].empty());
  for (const auto& tag : sidecar["hashtags"]) EXPECT_EQ(tag.get<std::string>().front(), '#') << tag;
  EXPECT_NEAR(sidecar["duration_s"].get<double>(), expected, 1.0 / 30);
  ASSERT_EQ(sidecar["scenes"].size(), clips.size());
  for (std::size_t i = 0; i < clips.size(); ++i)
    EXPECT_NEAR(sidecar["scenes"][i]["start_s"].get<double>(), scene_start[i], 0.002);
  EXPECT_EQ(sidecar["published"], std::filesystem::absolute(published).lexically_normal().string());
  // Picture credits from the pictures image_source made (its `sources`), not from the graph's text.
  EXPECT_EQ(sidecar["sources"][1], "pictures: generated (" + std::to_string(clips.size()) + ")") << sidecar["sources"];
  for (const auto& scene : sidecar["scenes"]) EXPECT_EQ(scene["picture_source"], "generated");

  // Captions: against the same video without captions, the caption area differs
  // in every scene, and the caption pixels differ from scene to scene.
  CliRun plain = make_video(dir.path() / "plain", "none", "calm");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  std::vector<double> captioned_diff;
  std::vector<RgbFrame> with, without;
  for (std::size_t i = 0; i < 2; ++i) {
    const double t = scene_start[i] + 0.35 + clips[i]["duration_s"].get<double>() / 2;
    auto a = decode_frame_at(video, t);
    auto b = decode_frame_at(dir.path() / "plain" / "short-video.mp4", t);
    ASSERT_TRUE(a && b);
    captioned_diff.push_back(caption_region_difference(*a, *b));
    with.push_back(*a);
    without.push_back(*b);
  }
  EXPECT_GT(captioned_diff[0], 2.0);
  EXPECT_GT(captioned_diff[1], 2.0);
  // Caption overlay alone (captioned minus plain) is not the same in scene 1 and 2.
  double overlay_change = 0;
  const std::size_t start = static_cast<std::size_t>(with[0].width) * 3 * static_cast<std::size_t>(with[0].height * 0.6);
  for (std::size_t i = start; i < with[0].pixels.size(); ++i) {
    const int o0 = std::abs(static_cast<unsigned char>(with[0].pixels[i]) - static_cast<unsigned char>(without[0].pixels[i])) > 40;
    const int o1 = std::abs(static_cast<unsigned char>(with[1].pixels[i]) - static_cast<unsigned char>(without[1].pixels[i])) > 40;
    overlay_change += o0 != o1;
  }
  EXPECT_GT(overlay_change / static_cast<double>(with[0].pixels.size() - start), 0.0015);

  // In sync: narration i starts at its scene's start s_i (docs/stages/compositor.md), in
  // the silence between two narrations, and the highlight moves on at each word's time.
  const auto sound = decode_audio_mono(video);
  for (std::size_t i = 1; i < clips.size(); ++i) {
    EXPECT_LT(rms_db(sound, scene_start[i] - 0.07, scene_start[i]), -60.0) << "no pause before narration " << i;
    EXPECT_GT(rms_db(sound, scene_start[i] + 0.04, scene_start[i] + 0.2), -32.0) << "narration " << i << " not there";
  }
  const auto plain_video = dir.path() / "plain" / "short-video.mp4";

  // The default bed plays under the same speech: in the 0.1 s between two narrations
  // (ducked: espeak-ng leaves no longer pause there) it is there, well under the voice
  // (the exact levels and the release in real pauses: compositor_test, music_beds_test).
  const auto with_music = decode_audio_mono(plain_video);
  ASSERT_NEAR(with_music.size(), sound.size(), 48000 * 0.05);
  for (std::size_t i = 1; i < clips.size(); ++i) {
    const double bed = rms_db(with_music, scene_start[i] - 0.07, scene_start[i]);
    const double voice = rms_db(sound, scene_start[i] + 0.04, scene_start[i] + 1.0);
    EXPECT_GT(bed - voice, -32.0) << "no music in the pause before scene " << i;
    EXPECT_LT(bed - voice, -10.0) << "the music is not under the voice before scene " << i;
  }
  EXPECT_GT(rms_db(with_music, 0.5, expected - 0.5), rms_db(sound, 0.5, expected - 0.5)) << "the music adds to the sound";

  const auto highlight_at = [&](double t) {
    auto a = decode_frame_at(video, t);
    auto b = decode_frame_at(plain_video, t);
    return a && b ? highlight_mask(*a, *b) : std::vector<bool>{};
  };
  for (std::size_t scene : {0u, 1u}) {
    // The first boundary between two words of 0.25 s or more (the frames checked are 0.1 s
    // inside each), clear of the 0.3 s crossfade.
    const auto& words = clips[scene]["words"];
    const auto start_of = [&](std::size_t w) { return words[w]["start_s"].get<double>(); };
    const auto long_word = [&](std::size_t w) { return words[w]["end_s"].get<double>() - start_of(w) >= 0.25; };
    std::size_t k = 0;
    while (k + 1 < words.size() && (start_of(k) < (scene == 0 ? 0.0 : 0.5) || !long_word(k) || !long_word(k + 1))) ++k;
    ASSERT_LT(k + 1, words.size()) << "no two long words in scene " << scene;
    const double start = scene_start[scene] + start_of(k);
    const double boundary = scene_start[scene] + start_of(k + 1);
    SCOPED_TRACE("from '" + words[k]["word"].get<std::string>() + "' to '" + words[k + 1]["word"].get<std::string>() +
                 "' at " + std::to_string(boundary) + " s");
    const auto early = highlight_at(start + 0.1), late = highlight_at(boundary - 0.1), next = highlight_at(boundary + 0.1);
    ASSERT_GT(std::count(early.begin(), early.end(), true), 100) << "no highlighted word";
    EXPECT_GT(mask_overlap(early, late), 0.6) << "the highlight moved within a word";
    EXPECT_LT(mask_overlap(late, next), 0.2) << "the highlight did not move on with the speech";
  }
}

}  // namespace
}  // namespace reelflow::testing
