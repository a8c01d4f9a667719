// The compositor stage through the harness, as a graph runs it: the MP4 is decoded
// and measured (streams, size, rate, duration formula, pixels, audio levels).
#include "compositor_test_media.hpp"

#include <media_probe.hpp>
#include <reelflow_loudness/meter.hpp>
#include <stage_harness.hpp>
#include <temp_dir.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace reelflow::compositor::testing {
namespace {

using reelflow::testing::decode_frame_at;
using reelflow::testing::probe_media;
using reelflow::testing::RgbFrame;
using reelflow::testing::StageHarness;
using reelflow::testing::StageRun;
using reelflow::testing::TempDir;

constexpr const char* kSmall = "width: 180\nheight: 320\nfps: 15\n";
constexpr double kPadding = 0.4;
constexpr double kCrossfade = 0.3;

std::vector<std::string> files_in(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  if (!std::filesystem::exists(dir)) return names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

class CompositorTest : public ::testing::Test {
 protected:
  StageRun render(const std::string& params, const std::map<std::string, Value>& inputs) {
    return harness_.run("compositor", params, inputs, out_dir());
  }
  std::filesystem::path out_dir() const { return dir_ / "out"; }
  std::filesystem::path in_dir() const { return dir_ / "in"; }

  static const VideoFile& video_of(const StageRun& run) { return std::get<VideoFile>(run.outputs.at("video")); }

  RgbFrame frame(const StageRun& run, double t) {
    auto f = decode_frame_at(video_of(run).path, t);
    EXPECT_TRUE(f.has_value()) << "no frame at " << t;
    return f.value_or(RgbFrame{});
  }

  StageHarness harness_;
  TempDir dir_{"compositor-test"};
};

TEST_F(CompositorTest, CrossfadeVideoIsH264AacWithFormulaDuration) {
  const auto in = make_scene_inputs(in_dir(), {{0.8}, {1.1}, {0.9}});
  auto run = render(kSmall, in.as_inputs());
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  // The render's progress (its pipeline's position) went up in steps and never down.
  EXPECT_GE(run.progress.size(), 2u);
  EXPECT_TRUE(std::is_sorted(run.progress.begin(), run.progress.end()));
  EXPECT_EQ(run.progress.back(), 1.0);

  const double expected = (0.8 + 1.1 + 0.9 + 3 * kPadding) - 2 * kCrossfade;
  const VideoFile& video = video_of(run);
  EXPECT_EQ(video.path, out_dir() / "short-video.mp4");
  EXPECT_NEAR(video.duration_s, expected, 1.0 / 15);
  EXPECT_EQ(video.width, 180);
  EXPECT_EQ(video.height, 320);
  EXPECT_DOUBLE_EQ(video.fps, 15.0);

  std::string error;
  auto info = probe_media(video.path, &error);
  ASSERT_TRUE(info.has_value()) << error;
  EXPECT_TRUE(info->has_video);
  EXPECT_TRUE(info->has_audio);
  EXPECT_EQ(info->video_codec, "video/x-h264");
  EXPECT_EQ(info->audio_codec, "audio/mpeg");
  EXPECT_EQ(info->width, 180);
  EXPECT_EQ(info->height, 320);
  EXPECT_NEAR(info->fps, 15.0, 0.01);
  EXPECT_NEAR(info->duration_s, expected, 1.0 / 15);

  // The thumbnail is a real picture of the frame's size, and nothing else was left behind.
  const auto& thumbnail = std::get<ImageSet>(run.outputs.at("thumbnail"));
  ASSERT_EQ(thumbnail.images.size(), 1u);
  const cv::Mat picture = cv::imread(thumbnail.images[0].string());
  ASSERT_FALSE(picture.empty());
  EXPECT_EQ(picture.cols, 180);
  EXPECT_EQ(picture.rows, 320);
  EXPECT_EQ(files_in(out_dir()), (std::vector<std::string>{"short-video.jpg", "short-video.mp4"}));
}

TEST_F(CompositorTest, CutVideoLastsTheSumOfScenes) {
  const auto in = make_scene_inputs(in_dir(), {{0.8}, {1.1}, {0.9}});
  auto run = render(std::string(kSmall) + "transition: cut\n", in.as_inputs());
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const double expected = 0.8 + 1.1 + 0.9 + 3 * kPadding;
  auto info = probe_media(video_of(run).path);
  ASSERT_TRUE(info.has_value());
  EXPECT_NEAR(info->duration_s, expected, 1.0 / 15);
  EXPECT_NEAR(video_of(run).duration_s, expected, 1.0 / 15);
}

TEST_F(CompositorTest, PresetGivesTheShapeWhenOnlyHeightIsSet) {
  const auto in = make_scene_inputs(in_dir(), {{0.5}});
  auto run = render("preset: '16:9'\nheight: 180\nfps: 10\noutput: wide.mp4\nthumbnail_name: wide.png\n",
                    in.as_inputs());
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  auto info = probe_media(out_dir() / "wide.mp4");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->width, 320);
  EXPECT_EQ(info->height, 180);
  EXPECT_NEAR(info->fps, 10.0, 0.01);
  const cv::Mat png = cv::imread((out_dir() / "wide.png").string());
  EXPECT_EQ(png.cols, 320);
  EXPECT_EQ(png.rows, 180);
}

TEST_F(CompositorTest, DefaultPresetRendersFullSizePortrait) {
  const auto in = make_scene_inputs(in_dir(), {{0.6}, {0.6}});
  auto run = render("{}", in.as_inputs());
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  auto info = probe_media(video_of(run).path);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->width, 1080);
  EXPECT_EQ(info->height, 1920);
  EXPECT_NEAR(info->fps, 30.0, 0.01);
  EXPECT_NEAR(info->duration_s, 2 * (0.6 + kPadding) - kCrossfade, 1.0 / 30);
  EXPECT_EQ(info->audio_rate, 48000);
  EXPECT_EQ(info->audio_channels, 2);
}

TEST_F(CompositorTest, CaptionsAppearAndChangeBetweenScenes) {
  // One picture for both scenes and no motion: only the captions can differ.
  const auto in = make_scene_inputs(in_dir(), {{1.0, "Short words here."}, {1.0, "Completely different caption text!"}},
                                    /*same_image=*/true);
  // High quality (crf 12) keeps coding noise well below the caption's contrast.
  const std::string params =
      std::string(kSmall) + "ken_burns: false\ntransition: cut\ncaption_font: Sans Bold 96\ncrf: 12\n";
  auto with = render(params + "captions: sentence\noutput: with.mp4\n", in.as_inputs());
  ASSERT_TRUE(with.status.is_ok()) << with.status.message();
  const RgbFrame with_a = frame(with, 0.7), with_b = frame(with, 2.1);
  auto without = render(params + "captions: none\noutput: without.mp4\n", in.as_inputs());
  ASSERT_TRUE(without.status.is_ok()) << without.status.message();
  const RgbFrame without_a = frame(without, 0.7), without_b = frame(without, 2.1);

  auto caption_area = [](const RgbFrame& a, const RgbFrame& b) {
    return region_difference(a.pixels, b.pixels, a.width, a.height, 0.0, 0.55, 1.0, 0.9);
  };
  EXPECT_LT(caption_area(without_a, without_b), 2.5) << "without captions both scenes look alike";
  EXPECT_GT(caption_area(with_a, without_a), 5.0) << "scene 1 has a caption";
  EXPECT_GT(caption_area(with_b, without_b), 5.0) << "scene 2 has a caption";
  EXPECT_GT(caption_area(with_a, with_b), 5.0) << "the caption changes with the scene";
  // Captions stay out of the top of the frame.
  EXPECT_LT(region_difference(with_a.pixels, without_a.pixels, 180, 320, 0.0, 0.0, 1.0, 0.4), 1.5);
}

TEST_F(CompositorTest, WordCaptionsHighlightTheSpokenWord) {
  const std::vector<WordTiming> words = {{"one", 0.0, 0.3}, {"two", 0.3, 0.6}, {"three", 0.6, 0.9}, {"four", 0.9, 1.2}};
  const auto in = make_scene_inputs(in_dir(), {{1.2, "one two three four", words}});
  const std::string params = std::string(kSmall) + "ken_burns: false\ncaption_font: Sans Bold 96\ncrf: 12\n";
  auto word = render(params + "captions: word\noutput: word.mp4\n", in.as_inputs());
  ASSERT_TRUE(word.status.is_ok()) << word.status.message();
  auto sentence = render(params + "captions: sentence\noutput: sentence.mp4\n", in.as_inputs());
  ASSERT_TRUE(sentence.status.is_ok()) << sentence.status.message();

  auto caption_area = [](const RgbFrame& a, const RgbFrame& b) {
    return region_difference(a.pixels, b.pixels, a.width, a.height, 0.0, 0.55, 1.0, 0.9);
  };
  // "two" is highlighted at 0.45 s, "three" at 0.75 s; a sentence caption stays put.
  EXPECT_GT(caption_area(frame(word, 0.45), frame(word, 0.75)), 1.0);
  EXPECT_LT(caption_area(frame(sentence, 0.45), frame(sentence, 0.75)), 0.5);
}

TEST_F(CompositorTest, KenBurnsMovesThePictureWithinAScene) {
  const auto in = make_scene_inputs(in_dir(), {{1.5}});
  const std::string params = std::string(kSmall) + "captions: none\n";
  auto moving = render(params + "output: moving.mp4\n", in.as_inputs());
  ASSERT_TRUE(moving.status.is_ok()) << moving.status.message();
  auto still = render(params + "ken_burns: false\noutput: still.mp4\n", in.as_inputs());
  ASSERT_TRUE(still.status.is_ok()) << still.status.message();

  auto whole = [](const RgbFrame& a, const RgbFrame& b) {
    return region_difference(a.pixels, b.pixels, a.width, a.height, 0.0, 0.0, 1.0, 1.0);
  };
  EXPECT_GT(whole(frame(moving, 0.1), frame(moving, 1.7)), 8.0);
  EXPECT_LT(whole(frame(still, 0.1), frame(still, 1.7)), 1.0);
}

TEST_F(CompositorTest, NarrationStartsWithItsScene) {
  // Scene 0: narration 0-0.6 s, hold until 1.4 s; with a 0.3 s crossfade scene 1 (and its
  // narration) starts at 1.1 s.
  const auto in = make_scene_inputs(in_dir(), {{0.6}, {0.6}});
  auto run = render(std::string(kSmall) + "scene_padding_s: 0.8\n", in.as_inputs());
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const auto audio = decode_audio_mono(video_of(run).path);
  ASSERT_GT(audio.size(), 48000u * 2);
  EXPECT_GT(rms_db(audio, 0.1, 0.5), -12.0);   // a 0.5 sine is -9 dBFS
  EXPECT_LT(rms_db(audio, 0.7, 1.05), -50.0);  // the hold is silent
  EXPECT_GT(rms_db(audio, 1.15, 1.6), -12.0);  // scene 1 speaks from its start
  EXPECT_LT(rms_db(audio, 1.8, 2.4), -50.0);
}

// EBU R128 integrated loudness of decoded (mono) output in [from_s, to_s): a region's
// level as a listener hears it, whatever its spectrum.
double loudness_lufs(const std::vector<float>& mono, double from_s, double to_s) {
  loudness::Meter meter;
  EXPECT_TRUE(meter.configure(1, 48000));
  const auto first = static_cast<std::size_t>(from_s * 48000);
  const auto last = std::min(mono.size(), static_cast<std::size_t>(to_s * 48000));
  if (first < last) meter.add(mono.data() + first, last - first);
  return meter.levels().integrated_lufs;
}

TEST_F(CompositorTest, MusicSitsUnderTheNarrationByLoudnessAndDucksOnlyWhereItSpeaks) {
  // Two scenes of "speech" (0.25 s words, 0.15 s gaps: shorter than a real pause) with a
  // 1.6 s hold after each (cut): the music is alone between the words and in the holds.
  // Music a much quieter 200 Hz tone than the 440 Hz voice: its level comes from loudness.
  constexpr double kClip = 2.0, kWord = 0.25, kGap = 0.15, kHold = 1.6;
  auto in = make_scene_inputs(in_dir(), {{kClip}, {kClip}});
  for (auto& clip : in.audio.clips) write_spoken_wav(clip.path, kClip, 22050, 440.0, 0.3, kWord, kGap);
  const auto music = in_dir() / "music.wav";
  write_wav(music, 1.5, 44100, 200.0, 0.05);  // shorter than the video: it loops
  auto inputs = in.as_inputs();
  inputs["music"] = AudioTrack{{AudioClip{0, music, 1.5, {}}}};
  auto run = render(std::string(kSmall) + "transition: cut\ncaptions: none\nscene_padding_s: 1.6\nmusic_fade_s: 0.1\n",
                    inputs);
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const auto audio = decode_audio_mono(video_of(run).path);

  // Where nobody speaks (the hold, clear of the 0.4 s release and 0.2 s attack) the music
  // sits 15 LU under the narration.
  const double speech = loudness_lufs(audio, 0.0, kClip);
  const double open = loudness_lufs(audio, kClip + 0.45, kClip + kHold - 0.25);
  EXPECT_NEAR(open - speech, -15.0, 2.0) << "speech " << speech << " LUFS, music alone " << open << " LUFS";
  EXPECT_NEAR(loudness_lufs(audio, 2 * kClip + kHold + 0.45, 2 * (kClip + kHold) - 0.25) - speech, -15.0, 2.0)
      << "the music comes up again after scene 2";

  // Between two words it stays ducked by duck_db (6 dB): no pumping in short gaps.
  const double open_rms = rms_db(audio, kClip + 0.45, kClip + kHold - 0.25);
  for (double scene_start : {0.0, kClip + kHold}) {
    for (int word = 1; word < 4; ++word) {
      const double gap = scene_start + word * (kWord + kGap) - kGap;
      EXPECT_NEAR(rms_db(audio, gap + 0.04, gap + kGap - 0.04), open_rms - 6.0, 1.5)
          << "in the gap after word " << word << " of the scene at " << scene_start << " s";
    }
  }
}

TEST_F(CompositorTest, MusicComesUpInThePauseBetweenScenes) {
  // Three scenes voiced to their ends (0.25 s words, 0.15 s gaps, the last word ending
  // the clip, as espeak-ng's do) with the default timing: 0.4 s padding less a 0.3 s
  // crossfade leaves 0.1 s of silence at each scene change, shorter than the gaps
  // between words. Measured in the decoded soundtrack: the 200 Hz bed between words
  // (ducked) against the middle of each scene change's pause.
  constexpr double kWord = 0.25, kGap = 0.15, kClip = 4 * kWord + 3 * kGap;
  auto in = make_scene_inputs(in_dir(), {{kClip}, {kClip}, {kClip}});
  for (auto& clip : in.audio.clips) write_spoken_wav(clip.path, kClip, 22050, 440.0, 0.3, kWord, kGap);
  const auto music = in_dir() / "music.wav";
  write_wav(music, 1.5, 44100, 200.0, 0.05);
  auto inputs = in.as_inputs();
  inputs["music"] = AudioTrack{{AudioClip{0, music, 1.5, {}}}};
  auto run = render(std::string(kSmall) + "captions: none\nmusic_fade_s: 0.1\n", inputs);
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const auto audio = decode_audio_mono(video_of(run).path);

  const double scene_step = kClip + kPadding - kCrossfade;
  for (int scene = 0; scene < 2; ++scene) {
    const double start = scene * scene_step, voice_end = start + kClip, next = start + scene_step;
    const double ducked = rms_db(audio, start + kWord + 0.04, start + kWord + kGap - 0.04);
    const double third = (next - voice_end) / 3;
    const double pause = rms_db(audio, voice_end + third, next - third);
    std::printf("scene change %d: bed %.1f dB between words, %.1f dB in the %.2f s pause\n", scene + 1, ducked,
                pause, next - voice_end);
    EXPECT_GT(pause, ducked + 4.0) << "the bed comes up between scene " << scene + 1 << " and " << scene + 2;
    EXPECT_LT(pause, ducked + 7.5) << "no louder than the bed where nobody speaks";
  }
}

TEST_F(CompositorTest, MusicUnderSilentNarrationSitsUnderTheReferenceLoudness) {
  // Silent narration: the bed is placed against -16 LUFS, so at -31 LUFS (stereo; the
  // mono downmix measured here reads 3 dB less). Compressed music longer than the video.
  auto in = make_scene_inputs(in_dir(), {{0.5, "", {}, 0.0}});
  const auto music = in_dir() / "bed.ogg";
  write_ogg_tone(music, 20.0, 200.0, 0.5);  // much longer than the 0.9 s video
  auto run = render(std::string(kSmall) + "music: " + music.string() + "\nmusic_fade_s: 0\n", in.as_inputs());
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  auto info = probe_media(video_of(run).path);
  ASSERT_TRUE(info.has_value());
  EXPECT_NEAR(info->duration_s, 0.5 + kPadding, 1.0 / 15) << "the video's length is the narration's, not the music's";
  const auto audio = decode_audio_mono(video_of(run).path);
  EXPECT_NEAR(loudness_lufs(audio, 0.05, 0.85), -16.0 - 15.0 - 3.01, 1.0);
}

TEST_F(CompositorTest, MusicBedIsPickedByNameFromItsFolder) {
  auto in = make_scene_inputs(in_dir(), {{0.5, "", {}, 0.0}});
  const auto beds = in_dir() / "beds";
  std::filesystem::create_directories(beds);
  write_ogg_tone(beds / "low.ogg", 2.0, 200.0, 0.5);
  write_wav(beds / "silence.wav", 2.0, 44100, 0.0, 0.0);
  const std::string folder = std::string(kSmall) + "music_dir: " + beds.string() + "\nmusic_fade_s: 0\n";

  auto with = render(folder + "music_bed: low\n", in.as_inputs());
  ASSERT_TRUE(with.status.is_ok()) << with.status.message();
  EXPECT_NEAR(loudness_lufs(decode_audio_mono(video_of(with).path), 0.05, 0.85), -34.0, 1.0) << "the bed plays";

  std::filesystem::remove_all(out_dir());
  auto without = render(folder + "music_bed: none\n", in.as_inputs());
  ASSERT_TRUE(without.status.is_ok()) << without.status.message();
  EXPECT_LT(rms_db(decode_audio_mono(video_of(without).path), 0.05, 0.85), -80.0) << "none: no music";
}

// Mean of one colour channel (0 R, 1 G, 2 B) over a frame.
double channel_mean(const RgbFrame& frame, int channel) {
  double sum = 0.0;
  for (std::size_t i = static_cast<std::size_t>(channel); i < frame.pixels.size(); i += 3)
    sum += static_cast<unsigned char>(frame.pixels[i]);
  return sum / (frame.pixels.size() / 3.0);
}

TEST_F(CompositorTest, LongVideoKeepsPicturesNarrationAndLoopedMusicInPlace) {
  // 24 scenes, 38.4 s: pictures are prepared while earlier scenes render, narration clips
  // decoded only while they play, music (1.5 s, so it loops 25 times) mixed block by block.
  constexpr int kScenes = 24;
  constexpr double kClip = 0.6, kHold = 1.0;  // gaps of 1 s: the music opens up between clips
  auto in = make_scene_inputs(in_dir(), std::vector<SceneSpec>(kScenes, SceneSpec{kClip}));
  const auto music = in_dir() / "music.wav";
  write_wav(music, 1.5, 44100, 330.0, 0.5);
  auto inputs = in.as_inputs();
  inputs["music"] = AudioTrack{{AudioClip{0, music, 1.5, {}}}};
  auto run = render(std::string(kSmall) + "transition: cut\ncaptions: none\nscene_padding_s: 1.0\nmusic_fade_s: 0.5\n",
                    inputs);
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();

  const double scene_s = kClip + kHold;
  const double expected = kScenes * scene_s;
  auto info = probe_media(video_of(run).path);
  ASSERT_TRUE(info.has_value());
  EXPECT_NEAR(info->duration_s, expected, 1.0 / 15);
  EXPECT_TRUE(info->has_audio);
  const auto audio = decode_audio_mono(video_of(run).path);
  EXPECT_NEAR(audio.size() / 48000.0, expected, 0.1) << "the audio track lasts as long as the video";

  const double sine_db = 20 * std::log10(0.5 / std::sqrt(2.0));
  for (int i = 0; i < kScenes; ++i) {
    const double start = i * scene_s;
    EXPECT_NEAR(rms_db(audio, start + 0.1, start + 0.5), sine_db, 1.5) << "narration " << i << " at its scene's start";
    EXPECT_LT(rms_db(audio, start + 0.7, start + 0.95), sine_db - 10) << "narration " << i << " has ended";
    if (i + 1 < kScenes) {
      EXPECT_NEAR(rms_db(audio, start + 1.05, start + 1.35), sine_db - 15, 1.5) << "music, not ducked, after scene " << i;
    }
  }

  // The pictures keep their scenes to the end: scene 22's is green, scene 23's purple.
  const RgbFrame green = frame(run, 22 * scene_s + 0.8), purple = frame(run, 23 * scene_s + 0.8);
  EXPECT_GT(channel_mean(green, 1), channel_mean(green, 0) + 20);
  EXPECT_GT(channel_mean(purple, 0), channel_mean(purple, 1) + 20);
}

class CompositorErrorTest : public CompositorTest {
 protected:
  void expect_failure(const std::string& params, const std::map<std::string, Value>& inputs,
                      const std::string& mentions) {
    auto run = render(params, inputs);
    ASSERT_FALSE(run.status.is_ok());
    EXPECT_NE(run.status.message().find(mentions), std::string::npos) << run.status.message();
    EXPECT_EQ(run.status.message().find('\n'), std::string::npos) << "one line: " << run.status.message();
    EXPECT_TRUE(files_in(out_dir()).empty()) << "left behind: " << files_in(out_dir()).size() << " files";
  }
};

TEST_F(CompositorErrorTest, MismatchedClipCount) {
  auto in = make_scene_inputs(in_dir(), {{0.5}, {0.5}});
  in.audio.clips.pop_back();
  expect_failure(kSmall, in.as_inputs(), "'audio' has 1 clips but 'scenes' has 2");
}

TEST_F(CompositorErrorTest, MismatchedImageCount) {
  auto in = make_scene_inputs(in_dir(), {{0.5}, {0.5}});
  in.images.images.push_back(in.images.images.front());
  expect_failure(kSmall, in.as_inputs(), "'images' has 3 images");
}

TEST_F(CompositorErrorTest, UnreadableImageIsNamed) {
  auto in = make_scene_inputs(in_dir(), {{0.5}, {0.5}});
  const auto broken = in_dir() / "broken.png";
  std::ofstream(broken) << "this is not a picture";
  in.images.images[1] = broken;
  expect_failure(kSmall, in.as_inputs(), broken.string());
}

TEST_F(CompositorErrorTest, MissingImageIsNamed) {
  auto in = make_scene_inputs(in_dir(), {{0.5}});
  in.images.images[0] = in_dir() / "nowhere.jpg";
  expect_failure(kSmall, in.as_inputs(), "nowhere.jpg");
}

TEST_F(CompositorErrorTest, UndecodableNarrationIsNamed) {
  auto in = make_scene_inputs(in_dir(), {{0.5}});
  const auto noise = in_dir() / "noise.wav";
  std::ofstream(noise) << "RIFF but not really a wave file";
  in.audio.clips[0].path = noise;
  expect_failure(kSmall, in.as_inputs(), noise.string());
}

TEST_F(CompositorErrorTest, MissingMusicFile) {
  const auto in = make_scene_inputs(in_dir(), {{0.5}});
  expect_failure(std::string(kSmall) + "music: /nonexistent/bed.mp3\n", in.as_inputs(), "/nonexistent/bed.mp3");
}

TEST_F(CompositorErrorTest, UnknownMusicBedListsTheBeds) {
  const auto in = make_scene_inputs(in_dir(), {{0.5}});
  std::filesystem::create_directories(in_dir() / "beds");
  write_wav(in_dir() / "beds" / "calm.wav", 0.5, 44100, 200.0, 0.5);
  expect_failure(std::string(kSmall) + "music_dir: " + (in_dir() / "beds").string() + "\nmusic_bed: jazz\n",
                 in.as_inputs(), "no music 'jazz' in '" + (in_dir() / "beds").string() + "' (it has: calm)");
}

TEST_F(CompositorErrorTest, MusicBedNeedsItsFolder) {
  const auto in = make_scene_inputs(in_dir(), {{0.5}});
  expect_failure(std::string(kSmall) + "music_bed: calm\n", in.as_inputs(), "needs 'music_dir'");
}

TEST_F(CompositorErrorTest, SilentMusicIsNamed) {
  const auto in = make_scene_inputs(in_dir(), {{0.5}});
  const auto music = in_dir() / "quiet.wav";
  write_wav(music, 1.0, 44100, 200.0, 0.0);
  expect_failure(std::string(kSmall) + "music: " + music.string() + "\n", in.as_inputs(), "quiet.wav' is silent");
}

TEST_F(CompositorErrorTest, OddFrameSize) {
  const auto in = make_scene_inputs(in_dir(), {{0.5}});
  expect_failure("width: 181\nheight: 320\n", in.as_inputs(), "must be even");
}

TEST_F(CompositorErrorTest, OutputMustBeAFileName) {
  const auto in = make_scene_inputs(in_dir(), {{0.5}});
  expect_failure(std::string(kSmall) + "output: ../escape.mp4\n", in.as_inputs(), "plain file name");
}

// A flat picture in the place of scene `index`'s, so it has no detail at all.
void make_flat(const std::filesystem::path& file, const cv::Scalar& colour) {
  ASSERT_TRUE(cv::imwrite(file.string(), cv::Mat(1400, 1000, CV_8UC3, colour)));
}

TEST_F(CompositorTest, ThumbnailIsTheMostDetailedSceneWithTheTitleInLargeType) {
  auto in = make_scene_inputs(in_dir(), {{0.9}, {0.9}, {0.9}});
  make_flat(in.images.images[0], {40, 90, 220});
  make_flat(in.images.images[2], {60, 180, 60});
  auto plain = render(std::string(kSmall) + "output: plain.mp4\nthumbnail_name: plain.jpg\n", in.as_inputs());
  ASSERT_TRUE(plain.status.is_ok()) << plain.status.message();
  in.scenes.title = "Tides Explained";
  auto titled = render(std::string(kSmall) + "output: titled.mp4\nthumbnail_name: titled.jpg\n", in.as_inputs());
  ASSERT_TRUE(titled.status.is_ok()) << titled.status.message();

  auto plain_thumb = reelflow::testing::decode_picture(out_dir() / "plain.jpg");
  auto titled_thumb = reelflow::testing::decode_picture(out_dir() / "titled.jpg");
  ASSERT_TRUE(plain_thumb && titled_thumb);
  // The pick: the detailed middle scene (its frame in the video, above the captions), not a flat one.
  const double scene_length = 0.9 + kPadding;
  const RgbFrame middle = frame(plain, scene_length - kCrossfade + scene_length / 2);
  const RgbFrame first = frame(plain, scene_length / 2);
  EXPECT_LT(region_difference(plain_thumb->pixels, middle.pixels, 180, 320, 0, 0, 1, 0.6), 12.0);
  EXPECT_GT(region_difference(plain_thumb->pixels, first.pixels, 180, 320, 0, 0, 1, 0.6), 30.0);
  // The title: across the middle, nowhere near the top, against the same frame without it.
  EXPECT_GT(region_difference(titled_thumb->pixels, plain_thumb->pixels, 180, 320, 0, 0.4, 1, 0.6), 15.0);
  EXPECT_LT(region_difference(titled_thumb->pixels, plain_thumb->pixels, 180, 320, 0, 0, 1, 0.2), 3.0);
}

TEST_F(CompositorTest, TimelineHasTheScenesAndTheSpokenPhrasesOnTheVideosClock) {
  const auto in = make_scene_inputs(in_dir(), {{0.8, "Waves roll in."}, {1.1, "Tides rise. Then they fall."}});
  auto run = render(kSmall, in.as_inputs());
  ASSERT_TRUE(run.status.is_ok()) << run.status.message();
  const auto& record = std::get<Record>(run.outputs.at("timeline"));
  ASSERT_EQ(record.type, "timeline");
  const auto timeline = nlohmann::json::parse(record.json);
  EXPECT_NEAR(timeline["duration_s"].get<double>(), video_of(run).duration_s, 1e-9);
  ASSERT_EQ(timeline["scenes"].size(), 2u);
  EXPECT_NEAR(timeline["scenes"][1]["start_s"].get<double>(), 0.8 + kPadding - kCrossfade, 1e-9);
  std::vector<std::string> texts;
  for (const auto& cue : timeline["subtitles"]) texts.push_back(cue["text"]);
  EXPECT_EQ(texts, (std::vector<std::string>{"Waves roll in.", "Tides rise.", "Then they fall."}));
}

}  // namespace
}  // namespace reelflow::compositor::testing
