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
#include "soundtrack_mixer.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace reelflow::compositor {
namespace {

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

TEST(CompositorSoundtrackMixer, PlacesClipsAtTheirStartsAndCutsThem) {
  PcmAudio clip{100, 1, std::vector<float>(50, 0.25f)};
  const auto out = mix_soundtrack(200, 100, 1, {{&clip, 0.5, 0.3}, {&clip, 1.2, 5.0}}, std::nullopt);
  ASSERT_EQ(out.size(), 200u);
  EXPECT_EQ(out[49], 0.0f);
  EXPECT_EQ(out[50], 0.25f);
  EXPECT_EQ(out[79], 0.25f);
  EXPECT_EQ(out[80], 0.0f) << "cut at max_s";
  EXPECT_EQ(out[169], 0.25f);
  EXPECT_EQ(out[170], 0.0f);
}

TEST(CompositorSoundtrackMixer, LoopsMusicUnderTheEnvelopeAndLimits) {
  PcmAudio music{100, 1, std::vector<float>(30, 1.0f)};
  const DuckingEnvelope env({}, -6.0206, 0.0, 0.0, 2.0);
  const auto out = mix_soundtrack(200, 100, 1, {}, MusicBed{&music, &env});
  EXPECT_NEAR(out[10], 0.5f, 1e-3);
  EXPECT_NEAR(out[150], 0.5f, 1e-3) << "music loops";
  PcmAudio loud{100, 1, std::vector<float>(100, 3.0f)};
  const auto limited = mix_soundtrack(100, 100, 1, {{&loud, 0.0, 1.0}}, std::nullopt);
  EXPECT_LE(limited[10], 1.0f);
  EXPECT_GT(limited[10], 0.95f);
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
  std::vector<I420Image> pictures;
  pictures.push_back(I420Image::from_bgr(cv::Mat(8, 8, CV_8UC3, cv::Scalar(0, 0, 0))));
  pictures.push_back(I420Image::from_bgr(cv::Mat(8, 8, CV_8UC3, cv::Scalar(255, 255, 255))));
  FrameRenderer renderer(timeline, std::move(pictures), {KenBurnsPath::still(8, 8), KenBurnsPath::still(8, 8)},
                         cv::Size(8, 8));
  I420Image frame(cv::Size(8, 8));
  I420View view = frame.view();
  renderer.render(0.2, view);
  EXPECT_EQ(frame.y.at<uchar>(3, 3), 16);
  renderer.render(0.75, view);  // halfway through the fade (0.5 .. 1.0)
  EXPECT_NEAR(frame.y.at<uchar>(3, 3), (16 + 235) / 2.0, 1.0);
  renderer.render(1.2, view);
  EXPECT_EQ(frame.y.at<uchar>(3, 3), 235);
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
