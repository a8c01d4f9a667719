// Test media for plugin tests, made by GStreamer pipelines: a tone WAV and a
// colour-bar MP4. Numbers only reach the launch text; the path is set as a
// property, so no file name can change the pipeline.
#include <reelflow/testing.hpp>

#include <reelflow/gst_ptr.hpp>

#include <gst/gst.h>

#include <charconv>
#include <cmath>
#include <string>

namespace reelflow::testing {
namespace {

Status play_to_file(const std::string& launch, const std::filesystem::path& path) {
  if (!gst_is_initialized()) gst_init(nullptr, nullptr);
  if (path.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
  }
  GError* raw_error = nullptr;
  auto pipeline = gst::adopt_floating(gst_parse_launch(launch.c_str(), &raw_error));
  gst::ErrorPtr error(raw_error);
  if (error || !pipeline) return Status::error("cannot build the test media pipeline: " + std::string(error ? error->message : "?"));
  gst::ElementPtr sink(gst_bin_get_by_name(GST_BIN(pipeline.get()), "out"));
  const std::filesystem::path temp = path.string() + ".part";
  g_object_set(sink.get(), "location", temp.c_str(), nullptr);
  gst_element_set_state(pipeline.get(), GST_STATE_PLAYING);
  gst::BusPtr bus(gst_element_get_bus(pipeline.get()));
  gst::MessagePtr message(gst_bus_timed_pop_filtered(bus.get(), 120 * GST_SECOND,
                                                    static_cast<GstMessageType>(GST_MESSAGE_EOS | GST_MESSAGE_ERROR)));
  gst_element_set_state(pipeline.get(), GST_STATE_NULL);
  std::error_code ignored;
  if (!message || GST_MESSAGE_TYPE(message.get()) != GST_MESSAGE_EOS) {
    std::string why = "timed out";
    if (message) {
      GError* raw = nullptr;
      gst_message_parse_error(message.get(), &raw, nullptr);
      gst::ErrorPtr failure(raw);
      why = failure ? failure->message : "error";
    }
    std::filesystem::remove(temp, ignored);
    return Status::error("cannot make " + path.string() + ": " + why);
  }
  std::filesystem::rename(temp, path, ignored);
  if (ignored) return Status::error("cannot make " + path.string() + ": " + ignored.message());
  return Status::ok();
}

bool positive(double seconds) { return std::isfinite(seconds) && seconds > 0 && seconds < 3600; }

// Whatever the process's locale ("440.5", never "440,5").
std::string number(double value) {
  char text[64];
  const auto end = std::to_chars(text, text + sizeof text, value).ptr;
  return std::string(text, end);
}

}  // namespace

Status make_tone_wav(const std::filesystem::path& path, double seconds, double frequency_hz, int sample_rate) {
  if (!positive(seconds) || sample_rate < 8000 || sample_rate > 192000 || !(frequency_hz > 0) ||
      frequency_hz > sample_rate / 2.0)
    return Status::error("make_tone_wav: seconds in (0, 3600), sample_rate in [8000, 192000], a frequency in (0, rate / 2]");
  const long samples = std::lround(seconds * sample_rate);
  const std::string launch = "audiotestsrc wave=sine freq=" + number(frequency_hz) + " samplesperbuffer=1024" +
                             " num-buffers=" + std::to_string((samples + 1023) / 1024) +
                             " ! audio/x-raw,format=S16LE,channels=1,rate=" + std::to_string(sample_rate) +
                             " ! wavenc ! filesink name=out";
  return play_to_file(launch, path);
}

Status make_color_bars_mp4(const std::filesystem::path& path, double seconds, int width, int height, int fps,
                           bool with_audio) {
  if (!positive(seconds) || width < 16 || height < 16 || width > 4096 || height > 4096 || fps < 1 || fps > 120)
    return Status::error("make_color_bars_mp4: seconds in (0, 3600), 16..4096 pixels a side, 1..120 fps");
  const long frames = std::lround(seconds * fps);
  if (frames < 1) return Status::error("make_color_bars_mp4: at least one frame (seconds * fps >= 0.5)");
  std::string launch = "videotestsrc pattern=smpte num-buffers=" + std::to_string(frames) +
                       " ! video/x-raw,format=I420,width=" + std::to_string(width) + ",height=" + std::to_string(height) +
                       ",framerate=" + std::to_string(fps) + "/1 ! x264enc speed-preset=ultrafast key-int-max=" +
                       std::to_string(fps) + " ! h264parse ! mp4mux name=mux ! filesink name=out";
  if (with_audio)
    launch += " audiotestsrc wave=sine freq=440 samplesperbuffer=1024 num-buffers=" +
              std::to_string(std::lround(seconds * 48000 / 1024)) +
              " ! audio/x-raw,rate=48000,channels=2 ! audioconvert ! avenc_aac ! aacparse ! mux.";
  return play_to_file(launch, path);
}

}  // namespace reelflow::testing
