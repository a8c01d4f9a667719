// What the compositor publishes beside the video, on its own: the render timeline's
// subtitle cues (plain text, ends from the word timings), the SubRip and WebVTT text,
// the thumbnail's detail score and its title card.
#include "i420_image.hpp"
#include "render_timeline.hpp"
#include "subtitle_format.hpp"
#include "thumbnail_grabber.hpp"
#include "title_card.hpp"

#include <gst/gst.h>
#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

namespace reelflow::compositor {
namespace {

Scene scene(int index, std::string narration) {
  Scene s;
  s.index = index;
  s.narration = std::move(narration);
  s.visual = "picture " + std::to_string(index);
  return s;
}

TEST(RenderTimeline, SubtitlesArePlainPhrasesEndingWithTheirLastWord) {
  // Two scenes of 1.0 s and 2.0 s narration, 0.4 s padding, 0.3 s crossfade.
  const SceneTimeline timeline({1.0, 2.0}, 0.4, 0.3);
  AudioClip first;
  first.words = {{"Bees", 0.1, 0.4}, {"&", 0.4, 0.5}, {"<flowers>.", 0.5, 0.9}};
  const std::vector<Scene> scenes = {scene(0, "Bees & <flowers>."), scene(1, "Honey is stored. It keeps for years.")};
  const RenderTimeline described = describe_render(timeline, scenes, {first, AudioClip{}}, 3.1);

  ASSERT_EQ(described.scenes.size(), 2u);
  EXPECT_DOUBLE_EQ(described.scenes[1].start_s, 1.1);  // 1.0 + 0.4 - 0.3
  EXPECT_EQ(described.scenes[1].visual, "picture 1");
  ASSERT_EQ(described.subtitles.size(), 3u);
  // Timed words: the phrase starts with its scene and ends when its last word does; no markup escapes.
  EXPECT_EQ(described.subtitles[0].text, "Bees & <flowers>.");
  EXPECT_DOUBLE_EQ(described.subtitles[0].start_s, 0.0);
  EXPECT_DOUBLE_EQ(described.subtitles[0].end_s, 0.9);
  // Paced phrases (no timings) share the narration by length and end where the next begins.
  EXPECT_EQ(described.subtitles[1].text, "Honey is stored.");
  EXPECT_DOUBLE_EQ(described.subtitles[1].start_s, 1.1);
  EXPECT_DOUBLE_EQ(described.subtitles[1].end_s, described.subtitles[2].start_s);
  EXPECT_LE(described.subtitles[2].end_s, 3.1);
}

TEST(RenderTimeline, SubtitlesKeepTheNarrationsPunctuationAndEndAtSentences) {
  // A TTS that times words without their punctuation: the narration's spelling is shown.
  const SceneTimeline timeline({2.0}, 0.4, 0.3);
  AudioClip clip;
  clip.words = {{"Lava", 0.1, 0.4}, {"flows", 0.4, 0.8}, {"Ash", 1.0, 1.3}, {"falls", 1.3, 1.7}};
  const RenderTimeline described = describe_render(timeline, {scene(0, "Lava flows. Ash falls!")}, {clip}, 2.4);
  ASSERT_EQ(described.subtitles.size(), 2u);
  EXPECT_EQ(described.subtitles[0].text, "Lava flows.");
  EXPECT_DOUBLE_EQ(described.subtitles[0].end_s, 0.8);
  EXPECT_EQ(described.subtitles[1].text, "Ash falls!");
  EXPECT_DOUBLE_EQ(described.subtitles[1].start_s, 1.0);
}

TEST(SubtitleFormat, SubRipNumbersCuesWithCommaMilliseconds) {
  const std::vector<SubtitleCue> cues = {{0.0, 1.2344, "Bees & <flowers>."}, {61.5, 3725.25, "two\nlines"}};
  EXPECT_EQ(to_srt(cues), "1\n00:00:00,000 --> 00:00:01,234\nBees & <flowers>.\n\n"
                          "2\n00:01:01,500 --> 01:02:05,250\ntwo\nlines\n\n");
}

TEST(SubtitleFormat, WebVttHasItsHeaderAndEscapesText) {
  const std::vector<SubtitleCue> cues = {{0.0, 1.5, "Bees & <flowers> -->"}};
  EXPECT_EQ(to_vtt(cues), "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nBees &amp; &lt;flowers&gt; --&gt;\n\n");
}

TEST(SubtitleFormat, RoundedTimesStayInOrder) {
  // Overlap and zero length after rounding: each cue starts where the last ended and lasts 1 ms at least.
  const std::vector<SubtitleCue> cues = {{0.0, 1.0004, "a"}, {0.9996, 0.9997, "b"}};
  EXPECT_EQ(to_srt(cues), "1\n00:00:00,000 --> 00:00:01,000\na\n\n2\n00:00:01,000 --> 00:00:01,001\nb\n\n");
}

TEST(ThumbnailDetail, APatternScoresAboveItsBlur) {
  cv::Mat sharp(240, 160, CV_8UC1, cv::Scalar(90));
  for (int y = 0; y < sharp.rows; y += 12) cv::line(sharp, {0, y}, {sharp.cols, y}, cv::Scalar(230), 2);
  cv::Mat blurred;
  cv::GaussianBlur(sharp, blurred, {0, 0}, 6.0);
  const cv::Mat flat(240, 160, CV_8UC1, cv::Scalar(90));
  EXPECT_GT(detail_score(sharp), 4 * detail_score(blurred));
  EXPECT_DOUBLE_EQ(detail_score(flat), 0.0);
}

TEST(TitleCard, DrawsLargeContrastingTextAcrossTheMiddle) {
  gst_init(nullptr, nullptr);
  cv::Mat bgr(640, 360, CV_8UC3, cv::Scalar(120, 160, 90));
  const I420Image plain = I420Image::from_bgr(bgr);
  const I420Image titled = draw_title(plain, "Honey Bees");
  ASSERT_EQ(titled.size(), plain.size());

  cv::Mat diff;
  cv::absdiff(titled.y, plain.y, diff);
  const cv::Rect top(0, 0, 360, 160), middle(0, 240, 360, 160);
  EXPECT_LT(cv::mean(diff(top))[0], 1.0) << "the title strays from the middle";
  EXPECT_GT(cv::mean(diff(middle))[0], 10.0) << "no title in the middle";
  // Text-like: bright glyph strokes next to dark shading, not a uniform tint.
  double low = 0, high = 0;
  cv::minMaxLoc(titled.y(middle), &low, &high);
  EXPECT_GT(high - low, 150.0);
  // Large type: the glyphs' rows span a good part of the frame's width in height.
  cv::Mat bright;
  cv::threshold(titled.y(middle), bright, 200, 255, cv::THRESH_BINARY);
  const cv::Rect glyphs = cv::boundingRect(bright);
  EXPECT_GT(glyphs.height, 360 * 0.05);
  EXPECT_GT(glyphs.width, 360 * 0.4);
}

TEST(TitleCard, AnEmptyTitleLeavesTheFrameAlone) {
  cv::Mat bgr(64, 32, CV_8UC3, cv::Scalar(10, 200, 30));
  const I420Image plain = I420Image::from_bgr(bgr);
  EXPECT_EQ(cv::norm(draw_title(plain, "").y, plain.y, cv::NORM_INF), 0.0);
}

}  // namespace
}  // namespace reelflow::compositor
