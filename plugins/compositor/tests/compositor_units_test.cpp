// The compositor's pure parts on their own: timeline arithmetic, Ken Burns paths,
// caption cues and line breaking, ducking, mixing, colour conversion, settings.
#include "caption_track.hpp"
#include "ducking_envelope.hpp"
#include "frame_renderer.hpp"
#include "gst_elements.hpp"
#include "i420_image.hpp"
#include "ken_burns_path.hpp"
#include "render_settings.hpp"
#include "scene_timeline.hpp"
#include "picture_lookahead.hpp"
#include "looping_source.hpp"
#include "music_library.hpp"
#include "soundtrack_levels.hpp"
#include "soundtrack_mixer.hpp"
#include "voice_activity.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numbers>
#include <thread>

namespace reelflow::compositor {
namespace {

// Interleaved samples in memory, read like a decoder would give them.
class BufferSource : public PcmSource {
 public:
  BufferSource(const std::vector<float>& samples, int channels)
      : samples_(samples), channels_(static_cast<std::size_t>(channels)) {}
  std::size_t read(float* out, std::size_t frames) override {
    const std::size_t n = std::min(frames, samples_.size() / channels_ - next_);
    std::copy_n(samples_.begin() + static_cast<std::ptrdiff_t>(next_ * channels_), n * channels_, out);
    next_ += n;
    return n;
  }

 private:
  const std::vector<float>& samples_;
  std::size_t channels_;
  std::size_t next_ = 0;
};

PcmSourceOpener buffer_of(const std::vector<float>& samples, int channels) {
  return [&samples, channels] { return std::make_unique<BufferSource>(samples, channels); };
}

// The mixer run the way the audio feed runs it, `block` frames per call.
std::vector<float> mix_in_blocks(std::size_t frames, int rate, int channels, std::vector<PlacedClip> clips,
                                 std::optional<MusicBed> music, std::size_t block) {
  SoundtrackMixer mixer(frames, rate, channels, std::move(clips), std::move(music));
  std::vector<float> out(frames * static_cast<std::size_t>(channels));
  std::size_t done = 0;
  while (std::size_t n = mixer.mix_next(out.data() + done * static_cast<std::size_t>(channels), block)) done += n;
  EXPECT_EQ(done, frames);
  return out;
}

// What the soundtrack sums to before any limiting: the clips where they are placed and
// the looped music times the envelope's exact gain. Independent of the mixer's block
// structure, its gain grid and its limiter, which the tests below judge against it.
std::vector<float> unlimited_sum(std::size_t frames, int rate, int channels, const std::vector<std::vector<float>>& clips,
                                 const std::vector<double>& starts, const std::vector<double>& max_s,
                                 const std::vector<float>& music, const DuckingEnvelope& envelope) {
  const auto ch = static_cast<std::size_t>(channels);
  std::vector<float> out(frames * ch, 0.0f);
  for (std::size_t k = 0; k < clips.size(); ++k) {
    const auto start = static_cast<std::size_t>(std::llround(starts[k] * rate));
    const auto end = std::min(frames, start + static_cast<std::size_t>(std::llround(max_s[k] * rate)));
    for (std::size_t f = start; f < end && f - start < clips[k].size() / ch; ++f)
      for (std::size_t c = 0; c < ch; ++c) out[f * ch + c] += clips[k][(f - start) * ch + c];
  }
  const std::size_t music_frames = music.size() / ch;
  for (std::size_t f = 0; f < frames; ++f) {
    const double gain = envelope.gain_at(static_cast<double>(f) / rate);
    for (std::size_t c = 0; c < ch; ++c) out[f * ch + c] += static_cast<float>(music[(f % music_frames) * ch + c] * gain);
  }
  return out;
}

TEST(CompositorSceneTimeline, CrossfadeOverlapsScenesAndShortensTheTotal) {
  const SceneTimeline timeline({1.0, 2.0, 1.5}, 0.4, 0.3);
  ASSERT_EQ(timeline.scenes().size(), 3u);
  EXPECT_DOUBLE_EQ(timeline.scenes()[0].start_s, 0.0);
  EXPECT_DOUBLE_EQ(timeline.scenes()[0].duration_s, 1.4);
  EXPECT_DOUBLE_EQ(timeline.scenes()[1].start_s, 1.1);
  EXPECT_DOUBLE_EQ(timeline.scenes()[2].start_s, 1.1 + 2.4 - 0.3);
  EXPECT_NEAR(timeline.total_s(), (1.4 + 2.4 + 1.9) - 2 * 0.3, 1e-9);
}

TEST(CompositorSceneTimeline, CutPlacesScenesEndToEnd) {
  const SceneTimeline timeline({1.0, 2.0}, 0.5, 0.0);
  EXPECT_DOUBLE_EQ(timeline.scenes()[1].start_s, 1.5);
  EXPECT_DOUBLE_EQ(timeline.total_s(), 4.0);
  EXPECT_FALSE(timeline.blend_at(1.5).fading);
  EXPECT_EQ(timeline.blend_at(1.49).scene, 0u);
  EXPECT_EQ(timeline.blend_at(1.5).scene, 1u);
}

TEST(CompositorSceneTimeline, BlendWeightRampsThroughTheCrossfade) {
  const SceneTimeline timeline({1.0, 1.0}, 0.0, 0.4);
  // Scene 1 starts at 0.6 and is fully in at 1.0.
  EXPECT_FALSE(timeline.blend_at(0.5).fading);
  const auto mid = timeline.blend_at(0.8);
  EXPECT_TRUE(mid.fading);
  EXPECT_EQ(mid.scene, 0u);
  EXPECT_EQ(mid.next, 1u);
  EXPECT_NEAR(mid.next_weight, 0.5, 1e-9);
  EXPECT_FALSE(timeline.blend_at(1.0).fading);
  EXPECT_EQ(timeline.blend_at(1.0).scene, 1u);
  EXPECT_EQ(timeline.scene_at(0.7), 1u) << "narration and captions switch when the next scene starts";
}

TEST(CompositorSceneTimeline, CrossfadeIsLimitedToHalfTheShortestScene) {
  const SceneTimeline timeline({0.2, 3.0}, 0.0, 1.0);
  EXPECT_DOUBLE_EQ(timeline.transition_s(), 0.1);
  EXPECT_DOUBLE_EQ(SceneTimeline({2.0}, 0.0, 1.0).transition_s(), 0.0) << "nothing to fade into";
}

TEST(CompositorSceneTimeline, RejectsEmptyScenes) {
  EXPECT_THROW(SceneTimeline({}, 0.4, 0.3), std::invalid_argument);
  EXPECT_THROW(SceneTimeline({1.0, 0.0}, 0.0, 0.3), std::invalid_argument);
}

TEST(CompositorKenBurnsPath, StaysInsideThePictureAndMovesSmoothly) {
  const double w = 1242, h = 2208, zoom = 1.15;
  for (std::size_t scene = 0; scene < 4; ++scene) {
    const auto path = KenBurnsPath::for_scene(scene, w, h, zoom);
    ViewRect previous = path.at(0.0);
    for (int i = 0; i <= 100; ++i) {
      const ViewRect r = path.at(i / 100.0);
      EXPECT_GE(r.x, -1e-6);
      EXPECT_GE(r.y, -1e-6);
      EXPECT_LE(r.x + r.width, w + 1e-6);
      EXPECT_LE(r.y + r.height, h + 1e-6);
      EXPECT_NEAR(r.width / r.height, w / h, 1e-9) << "the frame's aspect ratio";
      EXPECT_LT(std::abs(r.x - previous.x), w * 0.01) << "no jumps";
      previous = r;
    }
    // Eased: the motion is slower at the ends than in the middle.
    const double start_step = std::abs(path.at(0.01).width - path.at(0.0).width) +
                              std::abs(path.at(0.01).x - path.at(0.0).x);
    const double mid_step = std::abs(path.at(0.51).width - path.at(0.5).width) +
                            std::abs(path.at(0.51).x - path.at(0.5).x);
    EXPECT_LT(start_step * 10, mid_step) << "scene " << scene;
  }
  // The tightest view is the frame-sized part of the picture.
  EXPECT_NEAR(KenBurnsPath::for_scene(0, w, h, zoom).end().width, w / zoom, 1e-9);
}

TEST(CompositorKenBurnsPath, ConsecutiveScenesMoveDifferently) {
  const auto a = KenBurnsPath::for_scene(0, 1000, 1000, 1.2);
  const auto b = KenBurnsPath::for_scene(1, 1000, 1000, 1.2);
  EXPECT_NE(a.start().x + a.end().x, b.start().x + b.end().x);
  const auto still = KenBurnsPath::still(640, 360);
  EXPECT_DOUBLE_EQ(still.at(0.7).width, 640);
  EXPECT_DOUBLE_EQ(still.at(0.7).x, 0);
}

TEST(CompositorCaptionTrack, SplitsSentencesAndLongPhrases) {
  EXPECT_EQ(split_phrases("Hello there. How are you?", 8), (std::vector<std::string>{"Hello there.", "How are you?"}));
  const auto parts = split_phrases("one two three four five six seven eight nine ten", 8);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0], "one two three four five");
  EXPECT_TRUE(split_phrases("   ", 8).empty());
}

TEST(CompositorCaptionTrack, BreaksLinesEvenly) {
  const std::vector<std::string> words = {"Whales", "sing", "songs", "that", "travel", "for", "miles"};
  // 39 characters need three lines of 20; balanced: "Whales sing" / "songs that" / "travel for miles".
  EXPECT_EQ(line_starts(words, 20), (std::vector<std::size_t>{2, 4}));
  EXPECT_EQ(line_starts({"aaaa", "bbbb", "cccc", "dddd"}, 10), (std::vector<std::size_t>{2}));
  EXPECT_TRUE(line_starts({"short", "line"}, 20).empty());
  EXPECT_EQ(line_starts({"überlänge", "x"}, 11), (std::vector<std::size_t>{}) ) << "characters, not bytes";
}

TEST(CompositorCaptionTrack, PacedPhrasesFollowTheScenes) {
  const SceneTimeline timeline({2.0, 1.0}, 0.0, 0.0);
  const auto track = CaptionTrack::build(timeline, {{"First one. Second one.", {}}, {"Next & last", {}}},
                                         CaptionMode::Sentence, 40);
  EXPECT_EQ(track.markup_at(0.1), "First one.");
  EXPECT_EQ(track.markup_at(1.5), "Second one.");
  EXPECT_EQ(track.markup_at(2.5), "Next &amp; last") << "markup is escaped";
}

TEST(CompositorCaptionTrack, WordModeHighlightsTheSpokenWord) {
  const SceneTimeline timeline({1.0, 1.0}, 0.5, 0.0);
  const std::vector<WordTiming> words = {{"Hi", 0.1, 0.3}, {"you", 0.4, 0.8}};
  const auto track = CaptionTrack::build(timeline, {{"Hi you", words}, {"", {}}}, CaptionMode::Word, 40);
  EXPECT_EQ(track.markup_at(0.0), "<span foreground=\"#FFD54A\">Hi</span> you") << "shown from the scene start";
  EXPECT_EQ(track.markup_at(0.5), "Hi <span foreground=\"#FFD54A\">you</span>");
  EXPECT_EQ(track.markup_at(1.45), "Hi <span foreground=\"#FFD54A\">you</span>") << "held through the pause";
  EXPECT_EQ(track.markup_at(1.6), "") << "scene 2 has no text";
}

TEST(CompositorCaptionTrack, SentenceModeUsesWordTimingsForPhraseStarts) {
  const SceneTimeline timeline({3.0}, 0.0, 0.0);
  const std::vector<WordTiming> words = {{"One.", 0.2, 0.5}, {"Two", 1.5, 1.8}, {"more.", 1.8, 2.2}};
  const auto track = CaptionTrack::build(timeline, {{"", words}}, CaptionMode::Sentence, 40);
  ASSERT_EQ(track.cues().size(), 2u);
  EXPECT_EQ(track.markup_at(1.4), "One.");
  EXPECT_EQ(track.markup_at(1.5), "Two more.");
}

TEST(CompositorDuckingEnvelope, LowersMusicWhileTheVoiceSpeaks) {
  const DuckingEnvelope env({{1.0, 2.0}, {5.0, 6.0}}, -15.0, -10.0, 0.0, 10.0);
  auto db = [&](double t) { return 20 * std::log10(env.gain_at(t)); };
  EXPECT_NEAR(db(0.5), -15.0, 1e-9);
  EXPECT_NEAR(db(1.0), -25.0, 1e-9) << "fully ducked when the voice starts";
  EXPECT_NEAR(db(1.5), -25.0, 1e-9);
  EXPECT_NEAR(db(2.0 + DuckingEnvelope::kReleaseS / 2), -20.0, 1e-9) << "released gradually";
  EXPECT_NEAR(db(3.5), -15.0, 1e-9);
  EXPECT_NEAR(db(5.5), -25.0, 1e-9);
}

TEST(CompositorDuckingEnvelope, BridgesShortPausesAndFades) {
  const DuckingEnvelope env({{1.0, 2.0}, {2.3, 3.0}}, -15.0, -10.0, 1.0, 10.0);
  EXPECT_EQ(env.spans().size(), 1u);
  EXPECT_NEAR(env.duck_amount_at(2.15), 1.0, 1e-9);
  EXPECT_NEAR(env.gain_at(0.0), 0.0, 1e-12) << "fades in";
  EXPECT_NEAR(env.gain_at(10.0), 0.0, 1e-12) << "fades out";
  EXPECT_NEAR(env.gain_at(9.5) / env.gain_at(5.0), 0.5, 1e-9);
}

TEST(CompositorDuckingEnvelope, ReleasesInARealPauseButNotBetweenWords) {
  // Words 0.3 s apart stay one span; a 0.7 s pause (a scene change, a paragraph) opens up.
  const DuckingEnvelope env({{1.0, 1.5}, {1.8, 2.4}, {2.7, 3.0}, {3.7, 4.0}}, -15.0, -6.0, 0.0, 10.0);
  ASSERT_EQ(env.spans().size(), 2u);
  EXPECT_NEAR(env.duck_amount_at(1.65), 1.0, 1e-9) << "ducked between words";
  EXPECT_NEAR(env.duck_amount_at(2.55), 1.0, 1e-9);
  EXPECT_LT(env.duck_amount_at(3.0 + DuckingEnvelope::kReleaseS), 0.1) << "released in the pause";
  EXPECT_NEAR(env.duck_amount_at(3.7), 1.0, 1e-9) << "ducked again before the voice returns";
  EXPECT_GT(DuckingEnvelope::kBridgeS, 0.45);
  EXPECT_LE(DuckingEnvelope::kBridgeS, 0.6);
}

TEST(CompositorDuckingEnvelope, ReleasesInAShortPauseAtASceneChangeWithoutAStep) {
  // Scene 2 starts at 2.1 s, after a 0.1 s pause; a 0.1 s pause inside a scene, and one
  // at a scene change shorter than kSceneBreakS, stay ducked.
  const std::vector<VoiceSpan> voice{{0.5, 1.0}, {1.1, 2.0}, {2.1, 3.0}, {3.04, 4.0}};
  const DuckingEnvelope env(voice, -15.0, -6.0, 0.0, 5.0, {2.1, 3.02});
  ASSERT_EQ(env.spans().size(), 2u);
  EXPECT_NEAR(env.duck_amount_at(1.05), 1.0, 1e-9) << "a pause within a scene is bridged";
  EXPECT_NEAR(env.duck_amount_at(2.05), 0.0, 1e-9) << "up in the middle of the scene change's pause";
  EXPECT_NEAR(env.duck_amount_at(2.0), 1.0, 1e-9) << "down while the voice speaks";
  EXPECT_NEAR(env.duck_amount_at(2.1), 1.0, 1e-9) << "down again when it speaks again";
  EXPECT_NEAR(env.duck_amount_at(3.02), 1.0, 1e-9) << "a 40 ms pause is no breath";
  // Click-free: no faster than a full swing over kShortestRampS anywhere.
  double steepest = 0.0;
  for (double t = 0.0; t < 5.0; t += 0.0005)
    steepest = std::max(steepest, std::abs(env.duck_amount_at(t + 0.0005) - env.duck_amount_at(t)) / 0.0005);
  EXPECT_LE(steepest, 1.0 / DuckingEnvelope::kShortestRampS + 1e-6);
  const DuckingEnvelope without_scenes(voice, -15.0, -6.0, 0.0, 5.0);
  EXPECT_NEAR(without_scenes.duck_amount_at(2.05), 1.0, 1e-9) << "without the scene change it stays down";
}

// Stereo 48 kHz: `tone` seconds of a 0.3 sine, then `quiet` seconds at `floor` amplitude.
void add_tone_then_quiet(VoiceActivity& activity, double tone, double quiet, double floor) {
  std::vector<float> pcm;
  for (int i = 0; i < static_cast<int>((tone + quiet) * 48000); ++i) {
    const double t = i / 48000.0;
    const float v = static_cast<float>((t < tone ? 0.3 : floor) * std::sin(2 * std::numbers::pi * 300 * t));
    pcm.push_back(v);
    pcm.push_back(v);
  }
  activity.add(pcm.data(), pcm.size() / 2);
}

TEST(CompositorVoiceActivity, FindsWhereTheClipSpeaks) {
  VoiceActivity activity(48000, 2);
  add_tone_then_quiet(activity, 0.0, 0.2, 0.0);     // leading silence
  add_tone_then_quiet(activity, 0.5, 0.15, 0.0);    // a word and a short gap
  add_tone_then_quiet(activity, 0.4, 0.8, 0.001);   // a word, then a pause with -60 dB hiss
  add_tone_then_quiet(activity, 0.305, 0.0, 0.0);   // a last word ending mid-frame
  const auto spans = activity.spans();
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_NEAR(spans[0].start_s, 0.2, 0.011);
  EXPECT_NEAR(spans[0].end_s, 0.7, 0.011);
  EXPECT_NEAR(spans[1].start_s, 0.85, 0.011);
  EXPECT_NEAR(spans[1].end_s, 1.25, 0.011);
  EXPECT_NEAR(spans[2].start_s, 2.05, 0.011);
  EXPECT_NEAR(spans[2].end_s, 2.355, 0.011);
}

TEST(CompositorVoiceActivity, SilenceHasNoSpans) {
  VoiceActivity activity(48000, 2);
  add_tone_then_quiet(activity, 0.0, 1.0, 0.0);
  EXPECT_TRUE(activity.spans().empty());
  EXPECT_TRUE(VoiceActivity(48000, 2).spans().empty());
}

TEST(CompositorMusicLevel, PutsTheBedRelativeToTheNarration) {
  const MusicLevel level = music_level(-20.0, -30.0, -15.0);
  EXPECT_TRUE(level.speech_measured);
  EXPECT_NEAR(level.gain_db, -5.0, 1e-9) << "-30 LUFS music to -35 LUFS, 15 LU under -20 LUFS speech";
  const MusicLevel silent = music_level(-std::numeric_limits<double>::infinity(), -20.0, -15.0);
  EXPECT_FALSE(silent.speech_measured);
  EXPECT_NEAR(silent.gain_db, kReferenceSpeechLufs - 15.0 + 20.0, 1e-9);
  EXPECT_NEAR(music_level(-10.0, -69.0, -3.0).gain_db, kMaxMusicGainDb, 1e-9) << "a near-silent file is not raised 56 dB";
}

TEST(CompositorLoopingSource, CrossfadesTheSeamOfAFileThatRepeatsItsStart) {
  // One period of 100 frames, then its first 10 again: the crossfade lays those over the
  // next pass's first 10, so the output is the period repeated exactly.
  std::vector<float> periodic(110);
  for (std::size_t i = 0; i < periodic.size(); ++i) periodic[i] = static_cast<float>(std::sin(0.0628318 * (i % 100) * 3));
  LoopingSource loop(buffer_of(periodic, 1), 1, 10);
  std::vector<float> out(450);
  ASSERT_EQ(loop.read(out.data(), 450), 450u);
  for (std::size_t f = 0; f < out.size(); ++f) ASSERT_NEAR(out[f], periodic[f % 100], 1e-6) << "frame " << f;
  // Frame 500 starts pass 6: the crossfade there was mixed when pass 5 ended.
  EXPECT_EQ(loop.passes(), 6);
}

TEST(CompositorLoopingSource, CrossfadesAJumpAtTheSeamIntoARamp) {
  // A file that ends far from where it starts: without a seam the loop jumps by 1.
  const std::vector<float> file(100, 1.0f);
  std::vector<float> starts_low = file;
  std::fill(starts_low.begin(), starts_low.begin() + 50, 0.0f);
  LoopingSource loop(buffer_of(starts_low, 1), 1, 20);
  std::vector<float> out(200);
  ASSERT_EQ(loop.read(out.data(), 200), 200u);
  // Pass 1 ends at 80 with the crossfade (80..99) from its last 1.0s into the next's 0.0s.
  EXPECT_FLOAT_EQ(out[79], 1.0f);
  for (std::size_t f = 80; f < 100; ++f) EXPECT_LT(std::abs(out[f] - out[f - 1]), 0.1f) << "frame " << f;
  EXPECT_NEAR(out[99], 0.0f, 0.01f);
  EXPECT_FLOAT_EQ(out[100], 0.0f) << "the next pass goes on after the frames the crossfade used";
  EXPECT_FLOAT_EQ(out[130], 1.0f);
}

TEST(CompositorLoopingSource, ShortOrEmptySourcesLoopPlainlyOrEnd) {
  const std::vector<float> tiny{0.1f, 0.2f, 0.3f};
  LoopingSource loop(buffer_of(tiny, 1), 1, 10);  // shorter than two seams: no crossfade
  std::vector<float> out(7);
  ASSERT_EQ(loop.read(out.data(), 7), 7u);
  EXPECT_EQ(out, (std::vector<float>{0.1f, 0.2f, 0.3f, 0.1f, 0.2f, 0.3f, 0.1f}));
  const std::vector<float> nothing;
  LoopingSource empty(buffer_of(nothing, 1), 1, 10);
  EXPECT_EQ(empty.read(out.data(), 7), 0u);
}

TEST(CompositorMusicLibrary, FindsABedByNameAndListsTheOthers) {
  const auto dir = std::filesystem::temp_directory_path() / ("music-library-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "calm.ogg") << "x";
  std::ofstream(dir / "upbeat.ogg") << "x";
  EXPECT_EQ(find_music_bed(dir, "calm"), dir / "calm.ogg");
  try {
    find_music_bed(dir, "jazz");
    ADD_FAILURE() << "no error for a bed that is not there";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("no music 'jazz' in '" + dir.string() + "' (it has: calm, upbeat)"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(find_music_bed(dir / "missing", "calm"), std::invalid_argument);
  std::filesystem::remove_all(dir);
}

TEST(CompositorSoundtrackMixer, PlacesClipsAtTheirStartsAndCutsThem) {
  const std::vector<float> clip(50, 0.25f);
  const auto out = mix_in_blocks(200, 100, 1, {{buffer_of(clip, 1), 0.5, 0.3}, {buffer_of(clip, 1), 1.2, 5.0}},
                                 std::nullopt, 64);
  ASSERT_EQ(out.size(), 200u);
  EXPECT_EQ(out[49], 0.0f);
  EXPECT_EQ(out[50], 0.25f);
  EXPECT_EQ(out[79], 0.25f);
  EXPECT_EQ(out[80], 0.0f) << "cut at max_s";
  EXPECT_EQ(out[169], 0.25f);
  EXPECT_EQ(out[170], 0.0f);
}

TEST(CompositorSoundtrackMixer, LoopsMusicUnderTheEnvelopeAndLimits) {
  const std::vector<float> music(30, 1.0f);
  const DuckingEnvelope env({}, -6.0206, 0.0, 0.0, 2.0);
  const auto out = mix_in_blocks(200, 100, 1, {}, MusicBed{buffer_of(music, 1), env}, 64);
  EXPECT_NEAR(out[10], 0.5f, 1e-3);
  EXPECT_NEAR(out[150], 0.5f, 1e-3) << "music loops";
  const std::vector<float> loud(100, 3.0f);
  const auto limited = mix_in_blocks(100, 100, 1, {{buffer_of(loud, 1), 0.0, 1.0}}, std::nullopt, 64);
  EXPECT_LE(limited[10], 1.0f);
  EXPECT_GT(limited[10], 0.95f);
}

// A stereo soundtrack with everything at once: overlapping clips (one cut by its scene,
// one shorter than its scene), a clip running past the end, music that loops several
// times, ducking, fades, and peaks that hit the limiter.
struct SyntheticSoundtrack {
  static constexpr int kRate = 8000;
  static constexpr int kChannels = 2;
  static constexpr std::size_t kFrames = 8000 * 7 + 77;  // not a multiple of any block size
  std::vector<std::vector<float>> clips;
  std::vector<double> starts{0.05, 1.9, 2.6, 6.8};
  std::vector<double> max_s{2.0, 0.9, 3.0, 5.0};
  std::vector<float> music;
  DuckingEnvelope envelope{{{0.05, 1.5}, {1.9, 2.5}, {2.6, 4.1}, {6.8, 7.5}}, -15.0, -10.0, 0.5,
                           static_cast<double>(kFrames) / kRate};

  SyntheticSoundtrack() {
    const std::size_t lengths[] = {14000, 9000, 12345, 20000};
    for (std::size_t i = 0; i < 4; ++i) clips.push_back(tone(lengths[i], 200.0 + 90.0 * i, i == 2 ? 1.4 : 0.6));
    music = tone(3 * kRate + 211, 330.0, 0.9);  // 3.03 s: loops under the 7 s soundtrack
  }
  static std::vector<float> tone(std::size_t frames, double hz, double amplitude) {
    std::vector<float> samples(frames * kChannels);
    for (std::size_t f = 0; f < frames; ++f)
      for (int c = 0; c < kChannels; ++c)
        samples[f * kChannels + c] = static_cast<float>(amplitude * std::sin(2 * M_PI * hz * f / kRate + c));
    return samples;
  }
  std::vector<PlacedClip> placed() const {
    std::vector<PlacedClip> out;
    for (std::size_t i = 0; i < clips.size(); ++i) out.push_back({buffer_of(clips[i], kChannels), starts[i], max_s[i]});
    return out;
  }
};

std::vector<float> mix_synthetic(const SyntheticSoundtrack& track, std::size_t block) {
  return mix_in_blocks(SyntheticSoundtrack::kFrames, SyntheticSoundtrack::kRate, SyntheticSoundtrack::kChannels,
                       track.placed(), MusicBed{buffer_of(track.music, SyntheticSoundtrack::kChannels), track.envelope},
                       block);
}

TEST(CompositorSoundtrackMixer, BlockByBlockEqualsTheWholeBufferMix) {
  const SyntheticSoundtrack track;
  const auto whole = mix_synthetic(track, SyntheticSoundtrack::kFrames);
  // The feed's chunk, blocks off the gain grid, and one frame at a time.
  for (std::size_t block : {std::size_t{4096}, std::size_t{1000}, std::size_t{333}, std::size_t{1}}) {
    const auto mixed = mix_synthetic(track, block);
    ASSERT_EQ(mixed.size(), whole.size());
    std::size_t differing = 0;
    for (std::size_t i = 0; i < mixed.size(); ++i) differing += mixed[i] != whole[i];
    EXPECT_EQ(differing, 0u) << "block of " << block << " frames: not the same samples";
  }
}

// Judged against the plain sum, not a copy of the limiter's formula: the peak stays
// under full scale, and gain is limited only where the sum goes over the knee.
TEST(CompositorSoundtrackMixer, LimiterReducesOnlyWhereTheSumExceedsItsKnee) {
  constexpr float kKnee = 0.9f;   // the limiter is transparent below this
  constexpr float kLimit = 1.0f;  // full scale: never exceeded
  constexpr float kTolerance = 1e-5f;  // float sums in another order
  SyntheticSoundtrack track;
  // Music at a steady -3 dB: the mixer's interpolated gain grid is then exact too.
  track.envelope = DuckingEnvelope({}, -3.0, 0.0, 0.0, static_cast<double>(SyntheticSoundtrack::kFrames) / SyntheticSoundtrack::kRate);
  const auto mixed = mix_synthetic(track, 4096);
  const auto sum = unlimited_sum(SyntheticSoundtrack::kFrames, SyntheticSoundtrack::kRate, SyntheticSoundtrack::kChannels,
                                 track.clips, track.starts, track.max_s, track.music, track.envelope);
  ASSERT_EQ(mixed.size(), sum.size());
  std::size_t over_limit = 0, below_knee = 0, untouched = 0, above_knee = 0, limited = 0;
  std::vector<std::pair<float, float>> peaks;  // (|sum|, |mixed|) above the knee
  for (std::size_t i = 0; i < sum.size(); ++i) {
    over_limit += std::abs(mixed[i]) > kLimit;
    if (std::abs(sum[i]) <= kKnee - kTolerance) {
      ++below_knee;
      untouched += std::abs(mixed[i] - sum[i]) <= kTolerance;
    } else if (std::abs(sum[i]) > kKnee + kTolerance) {
      ++above_knee;
      // Never louder than the sum, never pushed back under the knee.
      limited += std::signbit(mixed[i]) == std::signbit(sum[i]) && std::abs(mixed[i]) <= std::abs(sum[i]) + kTolerance &&
                 std::abs(mixed[i]) > kKnee - kTolerance;
      peaks.emplace_back(std::abs(sum[i]), std::abs(mixed[i]));
    }
  }
  EXPECT_EQ(over_limit, 0u) << "samples over full scale";
  EXPECT_EQ(untouched, below_knee) << "samples under the knee were changed";
  EXPECT_EQ(limited, above_knee) << "samples over the knee were amplified or crushed below it";
  // A louder sum never comes out quieter: the limiter keeps the order of levels.
  std::sort(peaks.begin(), peaks.end());
  std::size_t inversions = 0;
  for (std::size_t i = 1; i < peaks.size(); ++i) inversions += peaks[i].second + kTolerance < peaks[i - 1].second;
  EXPECT_EQ(inversions, 0u);
  // The case is not trivial: the sum goes well over full scale, and the music is in it.
  EXPECT_GT(*std::max_element(sum.begin(), sum.end()), 1.5f);
  EXPECT_GT(above_knee, 1000u);
  EXPECT_GT(below_knee, sum.size() / 2);
}

TEST(CompositorSoundtrackMixer, DucksTheMusicOnlyWhereTheVoiceSpeaks) {
  constexpr int kRate = 8000;
  const std::vector<float> music(3 * kRate, 1.0f);  // constant, so the output is the gain
  const std::vector<float> voice(kRate, 0.0f);      // silent clips: only their timing matters
  const DuckingEnvelope env({{1.0, 2.0}, {6.0, 7.0}}, -20.0, -20.0, 0.0, 10.0);
  const auto out = mix_in_blocks(10 * kRate, kRate, 1, {{buffer_of(voice, 1), 1.0, 1.0}, {buffer_of(voice, 1), 6.0, 1.0}},
                                 MusicBed{buffer_of(music, 1), env}, 4096);
  auto db = [&](double t) { return 20 * std::log10(out[static_cast<std::size_t>(t * kRate)]); };
  EXPECT_NEAR(db(0.5), -20.0, 0.01) << "open before the voice";
  EXPECT_NEAR(db(0.9), -30.0, 0.5) << "half way into the 0.2 s attack";
  EXPECT_NEAR(db(1.5), -40.0, 0.01) << "ducked under it";
  EXPECT_NEAR(db(4.0), -20.0, 0.01) << "open between the spans";
  EXPECT_NEAR(db(6.5), -40.0, 0.01) << "ducked under the second span, in another block";
  EXPECT_NEAR(db(7.2), -30.0, 0.5) << "half released";
  EXPECT_NEAR(db(9.0), -20.0, 0.01);
}

TEST(CompositorSoundtrackMixer, LoopsMusicSeamlesslyAcrossBlockEdges) {
  // A ramp 0..99: every sample says where in the music it is.
  std::vector<float> ramp(100);
  for (std::size_t i = 0; i < ramp.size(); ++i) ramp[i] = static_cast<float>(i) / 1000.0f;
  const DuckingEnvelope unity({}, 0.0, 0.0, 0.0, 10.0);
  int opened = 0;
  auto counting = [&] {
    ++opened;
    return std::make_unique<BufferSource>(ramp, 1);
  };
  SoundtrackMixer mixer(1000, 100, 1, {}, MusicBed{counting, unity});
  std::vector<float> out;
  std::vector<float> block(37);  // 37 does not divide 100: loops fall inside blocks
  while (std::size_t n = mixer.mix_next(block.data(), block.size())) out.insert(out.end(), block.begin(), block.begin() + n);
  ASSERT_EQ(out.size(), 1000u);
  for (std::size_t f = 0; f < out.size(); ++f) ASSERT_FLOAT_EQ(out[f], ramp[f % 100]) << "frame " << f;
  EXPECT_EQ(opened, 10) << "reopened at each loop";
  EXPECT_TRUE(mixer.finished());
}

TEST(CompositorSoundtrackMixer, MusicLongerThanTheVideoIsCut) {
  const std::vector<float> music(500, 0.5f);
  const DuckingEnvelope unity({}, 0.0, 0.0, 0.0, 1.0);
  int opened = 0;
  SoundtrackMixer mixer(100, 100, 1, {}, MusicBed{[&] {
                                                    ++opened;
                                                    return std::make_unique<BufferSource>(music, 1);
                                                  },
                                                  unity});
  std::vector<float> out(300);
  EXPECT_EQ(mixer.mix_next(out.data(), 300), 100u) << "never past the soundtrack's length";
  EXPECT_EQ(mixer.mix_next(out.data(), 300), 0u);
  EXPECT_EQ(opened, 1);
}

TEST(CompositorSoundtrackMixer, OpensEachClipOnlyWhileItPlays) {
  // 30 one-second scenes in a row: a clip's source is opened at its start and closed at
  // its end, so at most two are open (where one scene hands over to the next in a block).
  const std::vector<float> clip(100, 0.1f);
  std::vector<PlacedClip> placed;
  int opened = 0;
  for (int i = 0; i < 30; ++i)
    placed.push_back({[&] {
                        ++opened;
                        return std::make_unique<BufferSource>(clip, 1);
                      },
                      i * 1.0, 1.0});
  SoundtrackMixer mixer(3000, 100, 1, std::move(placed), std::nullopt);
  std::vector<float> block(64);
  std::size_t open_at_most = 0;
  while (mixer.mix_next(block.data(), block.size())) open_at_most = std::max(open_at_most, mixer.open_clip_sources());
  EXPECT_EQ(opened, 30);
  EXPECT_LE(mixer.peak_open_clip_sources(), 2u);
  EXPECT_LE(open_at_most, 1u) << "between blocks, only the clip playing at the edge is open";
  EXPECT_EQ(mixer.open_clip_sources(), 0u);
}

TEST(CompositorI420Image, ConvertsWithBt709LimitedRange) {
  cv::Mat bgr(4, 4, CV_8UC3, cv::Scalar(0, 0, 255));  // pure red
  const auto yuv = I420Image::from_bgr(bgr);
  EXPECT_EQ(yuv.y.at<uchar>(0, 0), 63);
  EXPECT_EQ(yuv.u.at<uchar>(0, 0), 102);
  EXPECT_EQ(yuv.v.at<uchar>(0, 0), 240);
  cv::Mat white(2, 2, CV_8UC3, cv::Scalar(255, 255, 255));
  EXPECT_EQ(I420Image::from_bgr(white).y.at<uchar>(0, 0), 235);
  const cv::Mat back = yuv.to_bgr();
  EXPECT_NEAR(back.at<cv::Vec3b>(1, 1)[2], 255, 2);
  EXPECT_NEAR(back.at<cv::Vec3b>(1, 1)[0], 0, 2);
}

TEST(CompositorFrameRenderer, CrossfadeBlendsThePictures) {
  const SceneTimeline timeline({1.0, 1.0}, 0.0, 0.5);
  const cv::Scalar colours[] = {cv::Scalar(0, 0, 0), cv::Scalar(255, 255, 255)};
  PictureLookahead pictures(2, [&](std::size_t scene) {
    return I420Image::from_bgr(cv::Mat(8, 8, CV_8UC3, colours[scene]));
  });
  FrameRenderer renderer(timeline, pictures, {KenBurnsPath::still(8, 8), KenBurnsPath::still(8, 8)}, cv::Size(8, 8));
  I420Image frame(cv::Size(8, 8));
  I420View view = frame.view();
  renderer.render(0.2, view);
  EXPECT_EQ(frame.y.at<uchar>(3, 3), 16);
  renderer.render(0.75, view);  // halfway through the fade (0.5 .. 1.0)
  EXPECT_NEAR(frame.y.at<uchar>(3, 3), (16 + 235) / 2.0, 1.0);
  renderer.render(1.2, view);
  EXPECT_EQ(frame.y.at<uchar>(3, 3), 235);
}

// A picture per scene whose brightness names the scene, made on whatever thread asks.
struct CountingLoader {
  std::atomic<int> calls{0};
  std::atomic<int> off_render_thread{0};
  std::thread::id render_thread = std::this_thread::get_id();
  I420Image operator()(std::size_t scene) {
    ++calls;
    if (std::this_thread::get_id() != render_thread) ++off_render_thread;
    return I420Image::from_bgr(cv::Mat(8, 8, CV_8UC3, cv::Scalar::all(static_cast<double>(10 * scene))));
  }
};

TEST(CompositorPictureLookahead, KeepsAFewPicturesAliveThroughALongVideo) {
  // 40 scenes with crossfades, rendered frame by frame at 10 fps.
  const SceneTimeline timeline(std::vector<double>(40, 1.0), 0.4, 0.3);
  CountingLoader loader;
  PictureLookahead pictures(40, std::ref(loader));
  FrameRenderer renderer(timeline, pictures, std::vector<KenBurnsPath>(40, KenBurnsPath::still(8, 8)), cv::Size(8, 8));
  I420Image frame(cv::Size(8, 8));
  I420View view = frame.view();
  std::size_t alive_at_most = 0;
  for (int k = 0; k < static_cast<int>(timeline.total_s() * 10); ++k) {
    const double t = k / 10.0;
    renderer.render(t, view);
    alive_at_most = std::max(alive_at_most, pictures.alive());
    const SceneBlend blend = timeline.blend_at(t);
    if (!blend.fading) {
      ASSERT_EQ(frame.y.at<uchar>(0, 0), I420Image::from_bgr(cv::Mat(2, 2, CV_8UC3, cv::Scalar::all(10.0 * blend.scene)))
                                               .y.at<uchar>(0, 0))
          << "the right picture at " << t;
    }
  }
  EXPECT_LE(pictures.peak_alive(), 3u) << "two on screen in a crossfade, one being prepared";
  EXPECT_LE(alive_at_most, 3u);
  EXPECT_EQ(pictures.prepared(), 40u) << "each scene prepared once";
  EXPECT_EQ(loader.calls.load(), 40);
  EXPECT_EQ(loader.off_render_thread.load(), 40) << "prepared on a worker, not by the drawing thread";
}

TEST(CompositorPictureLookahead, PreparesTheNextSceneAheadAndFreesThePast) {
  CountingLoader loader;
  PictureLookahead pictures(5, std::ref(loader));
  pictures.show(0, 0);
  EXPECT_EQ(pictures.alive(), 2u) << "scene 0 on screen, scene 1 being prepared";
  pictures.show(0, 1);  // crossfade 0 -> 1
  EXPECT_EQ(pictures.alive(), 3u);
  pictures.show(1, 1);
  EXPECT_EQ(pictures.alive(), 2u) << "scene 0 freed after its fade";
  EXPECT_THROW(pictures.picture(0), std::logic_error);
  pictures.show(4, 4);
  EXPECT_EQ(pictures.alive(), 1u) << "nothing after the last scene";
  EXPECT_EQ(pictures.peak_alive(), 3u);
}

TEST(CompositorPictureLookahead, AFailedPictureFailsWhenItIsShown) {
  PictureLookahead pictures(3, [](std::size_t scene) -> I420Image {
    if (scene == 1) throw std::runtime_error("image 'two.png' cannot be decoded");
    return I420Image(cv::Size(4, 4));
  });
  pictures.show(0, 0);  // scene 1 fails in the background: not an error yet
  try {
    pictures.show(1, 1);
    FAIL() << "expected the preparation's error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "image 'two.png' cannot be decoded");
  }
  EXPECT_THROW(pictures.show(1, 1), std::runtime_error) << "asked again, it fails again";
}

TEST(CompositorRenderSettings, ScalesTheCaptionFontWithTheFrame) {
  EXPECT_EQ(scale_font_description("DejaVu Sans Bold 48", 0.5).description, "DejaVu Sans Bold 24");
  EXPECT_EQ(scale_font_description("Sans 30px", 2.0).description, "Sans 60px");
  EXPECT_DOUBLE_EQ(scale_font_description("Sans 30px", 2.0).em_px, 60.0);
  EXPECT_EQ(scale_font_description("Serif Italic", 0.5).description, "Serif Italic 24");
  EXPECT_EQ(scale_font_description("Sans 48", 0.01).description, "Sans 6") << "never unreadably small";
}

TEST(CompositorGstElements, MissingElementIsNamed) {
  gst_init(nullptr, nullptr);
  try {
    make_element("no_such_encoder_x");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("'no_such_encoder_x' is not available"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace reelflow::compositor
