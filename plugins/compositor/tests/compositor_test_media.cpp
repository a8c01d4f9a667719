#include "compositor_test_media.hpp"

#include <reelflow/gst_ptr.hpp>

#include <gst/gst.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <functional>
#include <numbers>
#include <stdexcept>

namespace reelflow::compositor::testing {

namespace {

// Mono 16-bit PCM of `frames` samples, each from `sample(i)` in -1..1.
void write_pcm_wav(const std::filesystem::path& file, std::uint32_t frames, int rate,
                   const std::function<double(std::uint32_t)>& sample) {
  std::ofstream out(file, std::ios::binary);
  auto u32 = [&](std::uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
  auto u16 = [&](std::uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
  out.write("RIFF", 4);
  u32(36 + frames * 2);
  out.write("WAVEfmt ", 8);
  u32(16);
  u16(1);  // PCM
  u16(1);  // mono
  u32(static_cast<std::uint32_t>(rate));
  u32(static_cast<std::uint32_t>(rate) * 2);
  u16(2);
  u16(16);
  out.write("data", 4);
  u32(frames * 2);
  for (std::uint32_t i = 0; i < frames; ++i)
    u16(static_cast<std::uint16_t>(static_cast<std::int16_t>(std::lround(sample(i) * 32767))));
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace

void write_wav(const std::filesystem::path& file, double seconds, int rate, double frequency_hz, double amplitude) {
  write_pcm_wav(file, static_cast<std::uint32_t>(std::lround(seconds * rate)), rate, [&](std::uint32_t i) {
    return amplitude * std::sin(2 * std::numbers::pi * frequency_hz * i / rate);
  });
}

void write_spoken_wav(const std::filesystem::path& file, double seconds, int rate, double frequency_hz,
                      double amplitude, double word_s, double gap_s) {
  const double ramp_s = 0.005;
  write_pcm_wav(file, static_cast<std::uint32_t>(std::lround(seconds * rate)), rate, [&](std::uint32_t i) {
    const double t = static_cast<double>(i) / rate;
    const double in_word = std::fmod(t, word_s + gap_s);
    if (in_word >= word_s) return 0.0;
    const double envelope = std::min({1.0, in_word / ramp_s, (word_s - in_word) / ramp_s});
    return envelope * amplitude * std::sin(2 * std::numbers::pi * frequency_hz * t);
  });
}

void write_ogg_tone(const std::filesystem::path& file, double seconds, double frequency_hz, double amplitude) {
  gst_init(nullptr, nullptr);
  const int buffers = static_cast<int>(std::ceil(seconds * 44100 / 1024));
  const std::string description =
      "audiotestsrc wave=sine samplesperbuffer=1024 num-buffers=" + std::to_string(buffers) +
      " freq=" + std::to_string(frequency_hz) + " volume=" + std::to_string(amplitude) +
      " ! audio/x-raw,rate=44100,channels=2 ! audioconvert ! vorbisenc ! oggmux ! filesink name=sink";
  GError* raw = nullptr;
  gst::ElementPtr pipeline = gst::adopt_floating(gst_parse_launch(description.c_str(), &raw));
  gst::ErrorPtr error(raw);
  if (!pipeline || error) throw std::runtime_error("cannot build the Ogg encoder");
  gst::ElementPtr sink(gst_bin_get_by_name(GST_BIN(pipeline.get()), "sink"));
  g_object_set(sink.get(), "location", file.c_str(), nullptr);
  gst_element_set_state(pipeline.get(), GST_STATE_PLAYING);
  gst::BusPtr bus(gst_element_get_bus(pipeline.get()));
  gst::MessagePtr message(gst_bus_timed_pop_filtered(bus.get(), 30 * GST_SECOND,
                                                     static_cast<GstMessageType>(GST_MESSAGE_EOS | GST_MESSAGE_ERROR)));
  gst_element_set_state(pipeline.get(), GST_STATE_NULL);
  if (!message || GST_MESSAGE_TYPE(message.get()) != GST_MESSAGE_EOS)
    throw std::runtime_error("cannot write " + file.string());
}

void write_scene_image(const std::filesystem::path& file, int index) {
  static const cv::Scalar kColours[] = {{40, 90, 220}, {200, 120, 30}, {60, 180, 60}, {180, 60, 170}};
  cv::Mat image(1400, 1000, CV_8UC3, kColours[index % 4]);
  for (int y = 50; y < image.rows; y += 140)
    for (int x = 50; x < image.cols; x += 140)
      cv::circle(image, {x + 20 * index, y}, 35, cv::Scalar(255 - 40 * index, 255, 255), -1, cv::LINE_AA);
  cv::rectangle(image, {100, 600}, {900, 700}, cv::Scalar(20, 20, 20), -1);
  if (!cv::imwrite(file.string(), image)) throw std::runtime_error("cannot write " + file.string());
}

std::map<std::string, Value> SceneInputs::as_inputs() const {
  return {{"scenes", scenes}, {"audio", audio}, {"images", images}};
}

SceneInputs make_scene_inputs(const std::filesystem::path& dir, const std::vector<SceneSpec>& specs,
                              bool same_image) {
  std::filesystem::create_directories(dir);
  SceneInputs in;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const auto& spec = specs[i];
    const auto index = std::to_string(i);
    Scene scene;
    scene.index = static_cast<int>(i);
    scene.narration = spec.narration.empty() ? "Scene number " + index + " says something." : spec.narration;
    scene.caption = "Caption " + index;
    in.scenes.scenes.push_back(scene);

    const auto wav = dir / ("narration-" + index + ".wav");
    write_wav(wav, spec.clip_s, 22050, spec.tone_hz, spec.tone_hz > 0 ? 0.5 : 0.0);
    in.audio.clips.push_back(AudioClip{static_cast<int>(i), wav, spec.clip_s, spec.words});

    const auto png = dir / ("image-" + (same_image ? std::string("0") : index) + ".png");
    if (!same_image || i == 0) write_scene_image(png, static_cast<int>(i));
    in.images.images.push_back(png);
  }
  return in;
}

double region_difference(const std::string& a, const std::string& b, int width, int height, double x0, double y0,
                         double x1, double y1) {
  const cv::Mat ma(height, width, CV_8UC3, const_cast<char*>(a.data()));
  const cv::Mat mb(height, width, CV_8UC3, const_cast<char*>(b.data()));
  const cv::Rect region(static_cast<int>(x0 * width), static_cast<int>(y0 * height),
                        static_cast<int>((x1 - x0) * width), static_cast<int>((y1 - y0) * height));
  cv::Mat diff;
  cv::absdiff(ma(region), mb(region), diff);
  const cv::Scalar mean = cv::mean(diff);
  return (mean[0] + mean[1] + mean[2]) / 3.0;
}

}  // namespace reelflow::compositor::testing
