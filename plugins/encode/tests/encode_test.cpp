// The encode stages in real segments: test_stream_source → encode → a test muxing
// sink; the files are demuxed, parsed and decoded to check what the params promised.
#include "graph_run.hpp"
#include "media_probe.hpp"
#include "stream_facts.hpp"
#include "subprocess.hpp"
#include "temp_dir.hpp"

#include <gst/gst.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <regex>

#include <string>
#include <vector>

namespace reelflow::testing {
namespace {

// source (video, and audio when `audio_params` is set) → `encoder` → test_mux_sink.
std::string graph(const std::string& video_params, const std::string& encode_params, const std::string& sink_params,
                  bool audio = true, const std::string& type = "encode") {
  std::string g = "stages:\n  - id: v\n    type: test_stream_source\n    params: { " + video_params + " }\n";
  if (audio) g += "  - id: a\n    type: test_stream_source\n    params: { kind: audio, frames: 141 }\n";
  g += "  - id: enc\n    type: " + type + "\n    params: { " + encode_params + " }\n    inputs: { raw_video: v.out" +
       (audio ? ", raw_audio: a.out" : "") + " }\n";
  g += "  - id: sink\n    type: test_mux_sink\n    params: { " + sink_params + " }\n    inputs: { video: enc.video" +
       (audio ? ", audio: enc.audio" : "") + " }\n";
  return g;
}

// Keyframes as frame numbers in presentation order (decode order differs with B-frames).
std::vector<int> keyframe_numbers(const VideoStreamFacts& facts, double fps) {
  std::vector<int> out;
  for (double t : facts.keyframe_s) out.push_back(static_cast<int>(std::lround(t * fps)));
  return out;
}

// The hardware encoders the registry has, by this test's own list.
std::vector<std::string> hardware_h264_encoders() {
  gst_init(nullptr, nullptr);
  std::vector<std::string> found;
  for (const char* name : {"nvh264enc", "nvcudah264enc", "vah264enc", "vaapih264enc", "qsvh264enc", "v4l2h264enc",
                           "amfh264enc", "mfh264enc", "omxh264enc"})
    if (GstElementFactory* f = gst_element_factory_find(name)) {
      found.emplace_back(name);
      gst_object_unref(f);
    }
  return found;
}

TEST(Encode, H264AndAacInMp4DecodeWithTheSizeDurationAndEveryFrame) {
  TempDir dir;
  auto run = run_graph_yaml(graph("frames: 90, width: 320, height: 240, fps: 30", "gop: 30",
                                  "mux: mp4, name: a.mp4, audio: true"),
                            dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  const std::string file = run.text_output("sink.file");
  std::string error;
  auto info = probe_media(file, &error);
  ASSERT_TRUE(info) << error;
  EXPECT_EQ(info->video_codec, "video/x-h264");
  EXPECT_EQ(info->audio_codec, "audio/mpeg");
  EXPECT_EQ(info->width, 320);
  EXPECT_EQ(info->height, 240);
  EXPECT_NEAR(info->duration_s, 3.0, 0.1);
  auto facts = video_stream_facts(file, &error);
  ASSERT_TRUE(facts) << error;
  EXPECT_EQ(facts->frames, 90);
  EXPECT_NEAR(facts->duration_s, 3.0, 0.05);
  // The last frame decodes (the stream is complete, not just its index).
  auto frame = decode_frame_at(file, 2.9);
  ASSERT_TRUE(frame);
  EXPECT_EQ(frame->width, 320);
  // The 440 Hz tone at 0.8 (-1.9 dBFS peak, -4.9 dB RMS) survives AAC.
  const auto audio = decode_audio_mono(file);
  EXPECT_NEAR(rms_db(audio, 0.5, 2.5), -4.9, 1.0);
  if (hardware_h264_encoders().empty()) {
    EXPECT_EQ(run.text_output("enc.encoder"), "x264enc");
  }
}

TEST(Encode, KeyframesComeExactlyEveryGopFrames) {
  TempDir dir;
  auto run = run_graph_yaml(graph("frames: 75, pattern: ball", "gop: 12", "mux: mp4, name: g.mp4", false, "encode_video"),
                            dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  std::string error;
  auto facts = video_stream_facts(run.text_output("sink.file"), &error);
  ASSERT_TRUE(facts) << error;
  EXPECT_EQ(facts->frames, 75);
  EXPECT_EQ(keyframe_numbers(*facts, 30), (std::vector<int>{0, 12, 24, 36, 48, 60, 72}));
}

TEST(Encode, TheVideoBitrateLandsNearBitrateKbpsOnNoise) {
  for (const int kbps : {300, 1200}) {
    TempDir dir;
    // Snow does not compress: the encoder must spend what it is given, no more.
    auto run = run_graph_yaml(graph("frames: 120, width: 320, height: 240, fps: 30, pattern: snow",
                                    "bitrate_kbps: " + std::to_string(kbps) + ", gop: 30", "mux: mp4, name: b.mp4",
                                    false, "encode_video"),
                              dir.path());
    ASSERT_TRUE(run.loaded) << run.load_errors;
    ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
    std::string error;
    auto facts = video_stream_facts(run.text_output("sink.file"), &error);
    ASSERT_TRUE(facts) << error;
    ASSERT_GT(facts->duration_s, 3.9);
    const double measured = static_cast<double>(facts->bytes) * 8 / facts->duration_s / 1000;
    EXPECT_NEAR(measured, kbps, kbps * 0.15) << "asked " << kbps << " kbit/s";
  }
}

// The average PSNR (dB over Y, U and V) of `encoded` against `reference`, measured by
// ffmpeg's psnr filter; -1 when it could not be measured.
double psnr_db(const std::filesystem::path& encoded, const std::filesystem::path& reference,
               const std::filesystem::path& logs) {
  Subprocess ffmpeg({"/usr/bin/ffmpeg", "-nostdin", "-i", encoded.string(), "-i", reference.string(), "-lavfi", "psnr",
                     "-f", "null", "-"},
                    logs);
  if (ffmpeg.wait(std::chrono::seconds(60)) != 0) return -1;
  std::smatch m;
  const std::string err = ffmpeg.err();
  return std::regex_search(err, m, std::regex(R"(PSNR y:\S+ u:\S+ v:\S+ average:([0-9.]+))")) ? std::stod(m[1]) : -1;
}

// rate_control: quality (x264's constant quality): a lower number keeps more of the
// picture and costs more bytes. The reference is the same test pattern, uncompressed.
TEST(Encode, ALowerQualityNumberGivesALargerFileCloserToTheSource) {
  TempDir dir;
  const std::string source = "frames: 45, width: 320, height: 240, fps: 30, pattern: ball";
  const auto reference = dir.path() / "reference.y4m";
  Subprocess make_reference({"/usr/bin/gst-launch-1.0", "-q", "videotestsrc", "pattern=ball", "num-buffers=45", "!",
                             "video/x-raw,format=I420,width=320,height=240,framerate=30/1", "!", "y4menc", "!",
                             "filesink", "location=" + reference.string()},
                            dir.path() / "reference");
  ASSERT_EQ(make_reference.wait(std::chrono::seconds(60)), 0) << make_reference.err();
  struct Encoded {
    long long bytes = 0;
    double psnr = 0;
  };
  std::map<int, Encoded> by_quality;
  for (const int quality : {18, 35}) {
    const std::string name = "q" + std::to_string(quality) + ".mp4";
    auto run = run_graph_yaml(graph(source, "rate_control: quality, quality: " + std::to_string(quality) + ", gop: 15",
                                    "mux: mp4, name: " + name, false, "encode_video"),
                              dir.path() / ("run-q" + std::to_string(quality)));
    ASSERT_TRUE(run.loaded) << run.load_errors;
    ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
    const std::string file = run.text_output("sink.file");
    std::string error;
    auto facts = video_stream_facts(file, &error);
    ASSERT_TRUE(facts) << error;
    EXPECT_EQ(facts->frames, 45);
    EXPECT_EQ(decoded_video_frames(file), 45);
    by_quality[quality] = {facts->bytes, psnr_db(file, reference, dir.path() / ("psnr-" + name))};
    ASSERT_GT(by_quality[quality].psnr, 0) << "no PSNR measured for quality " << quality;
  }
  std::cout << "quality 18: " << by_quality[18].bytes << " bytes, " << by_quality[18].psnr << " dB; quality 35: "
            << by_quality[35].bytes << " bytes, " << by_quality[35].psnr << " dB\n";
  EXPECT_GT(by_quality[18].bytes, by_quality[35].bytes * 3 / 2);
  EXPECT_GT(by_quality[18].psnr, by_quality[35].psnr + 3) << by_quality[18].psnr << " dB vs " << by_quality[35].psnr;
  EXPECT_GT(by_quality[18].psnr, 38.0);  // quality 18 is close to transparent
}

TEST(Encode, HardwareRequireFailsAtValidationNamingWhatItLookedFor) {
  const std::string yaml = graph("frames: 10", "hardware: require", "mux: mp4, name: h.mp4", false, "encode_video");
  if (hardware_h264_encoders().empty()) {
    const std::string errors = graph_errors(yaml);
    EXPECT_NE(errors.find("require, but no hardware H.264 encoder is installed (looked for nvh264enc"),
              std::string::npos)
        << errors;
    EXPECT_NE(errors.find("g.yaml:"), std::string::npos) << errors;  // located in the graph
  } else {  // this machine has one: require must use it
    TempDir dir;
    auto run = run_graph_yaml(yaml, dir.path());
    ASSERT_TRUE(run.loaded) << run.load_errors;
    ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
    EXPECT_NE(run.text_output("enc.encoder"), "x264enc");
  }
  // Off never looks for one.
  EXPECT_EQ(graph_errors(graph("frames: 10", "hardware: off", "mux: mp4", false, "encode_video")), "");
}

TEST(Encode, H265AndOpusDecode) {
  TempDir dir;
  auto run = run_graph_yaml(graph("frames: 60, width: 256, height: 144", "video_codec: h265, audio_codec: opus, gop: 20",
                                  "mux: mkv, name: o.mkv, audio: true"),
                            dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  const std::string file = run.text_output("sink.file");
  std::string error;
  auto info = probe_media(file, &error);
  ASSERT_TRUE(info) << error;
  EXPECT_EQ(info->video_codec, "video/x-h265");
  EXPECT_EQ(info->audio_codec, "audio/x-opus");
  EXPECT_EQ(info->width, 256);
  auto frame = decode_frame_at(file, 1.5);
  ASSERT_TRUE(frame);
  EXPECT_EQ(frame->height, 144);
  auto facts = video_stream_facts(file, &error);
  ASSERT_TRUE(facts) << error;
  EXPECT_EQ(facts->frames, 60);
  EXPECT_EQ(keyframe_numbers(*facts, 30), (std::vector<int>{0, 20, 40}));
  EXPECT_NEAR(rms_db(decode_audio_mono(file), 0.5, 2.5), -4.9, 1.0);
}

TEST(Encode, ByteStreamFeedsAnMpegTsMuxer) {
  TempDir dir;
  auto run = run_graph_yaml(graph("frames: 30", "stream_format: byte-stream, gop: 10", "mux: mpegts, name: t.ts, audio: true"),
                            dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  std::string error;
  auto facts = video_stream_facts(run.text_output("sink.file"), &error);
  ASSERT_TRUE(facts) << error;
  EXPECT_NE(facts->caps.find("stream-format=(string)byte-stream"), std::string::npos) << facts->caps;
  EXPECT_EQ(facts->frames, 30);
  auto info = probe_media(run.text_output("sink.file"), &error);
  ASSERT_TRUE(info) << error;
  EXPECT_EQ(info->audio_codec, "audio/mpeg");
}

TEST(Encode, DeclaredCapsFollowTheParamsAndAreCheckedAlongTheEdge) {
  // packetized h265 cannot feed a sink that takes only h264, nor byte-stream h264 one that takes avc.
  const std::string errors = graph_errors(R"(stages:
  - id: v
    type: test_stream_source
  - id: enc
    type: encode_video
    params: { video_codec: h265, stream_format: packetized }
    inputs: { raw_video: v.out }
  - id: sink
    type: test_mux_sink
    params: { accepts: "video/x-h264" }
    inputs: { video: enc.video }
)");
  EXPECT_NE(errors.find("'enc.video' produces video/x-h265"), std::string::npos) << errors;
  EXPECT_NE(errors.find("stream-format=(string)hvc1"), std::string::npos) << errors;
  const std::string h264 = "stages:\n  - id: v\n    type: test_stream_source\n  - id: enc\n    type: encode_video\n"
                           "    params: { stream_format: FORMAT }\n    inputs: { raw_video: v.out }\n  - id: sink\n"
                           "    type: test_mux_sink\n    params: { accepts: \"video/x-h264,stream-format=avc\" }\n"
                           "    inputs: { video: enc.video }\n";
  auto with = [&](const std::string& format) {
    std::string g = h264;
    return graph_errors(g.replace(g.find("FORMAT"), 6, format));
  };
  EXPECT_NE(with("byte-stream").find("stream-format=(string)byte-stream"), std::string::npos);
  EXPECT_EQ(with("packetized"), "");
  EXPECT_EQ(with("auto"), "");
}

TEST(EncodeVideo, WithoutAudioPortsTheMuxerBehindItFinishes) {
  TempDir dir;
  auto run = run_graph_yaml(graph("frames: 20", "", "mux: mp4, name: v.mp4", false, "encode_video"), dir.path());
  ASSERT_TRUE(run.loaded) << run.load_errors;
  ASSERT_EQ(run.result.outcome, RunOutcome::Succeeded) << run.result.error;
  std::string error;
  auto info = probe_media(run.text_output("sink.file"), &error);
  ASSERT_TRUE(info) << error;
  EXPECT_TRUE(info->has_video);
  EXPECT_FALSE(info->has_audio);
  // And `encode` itself will not run with its audio input left out.
  const std::string errors = graph_errors(graph("frames: 20", "", "mux: mp4", false, "encode"));
  EXPECT_NE(errors.find("raw_audio"), std::string::npos) << errors;
}

}  // namespace
}  // namespace reelflow::testing
