#include "test_clips.hpp"

#include <reelflow/gst_ptr.hpp>

#include <gst/gst.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace reelflow::testing {

void write_test_clip(const std::filesystem::path& file, const TestClip& clip) {
  gst_init(nullptr, nullptr);
  const long frames = std::lround(clip.seconds * clip.fps);
  char background[16];
  std::snprintf(background, sizeof background, "0xff%06x", clip.background_rgb & 0xffffffu);
  std::string launch = "videotestsrc pattern=ball background-color=" + std::string(background) +
                       " num-buffers=" + std::to_string(frames) + " ! video/x-raw,format=I420,width=" +
                       std::to_string(clip.width) + ",height=" + std::to_string(clip.height) +
                       ",framerate=" + std::to_string(clip.fps) + "/1 ! x264enc speed-preset=ultrafast key-int-max=" +
                       std::to_string(clip.fps) + " ! h264parse ! mp4mux name=mux ! filesink name=out";
  if (clip.with_audio)
    launch += " audiotestsrc wave=sine freq=880 samplesperbuffer=1024 num-buffers=" +
              std::to_string(std::lround(clip.seconds * 48000 / 1024)) +
              " ! audio/x-raw,rate=48000,channels=2 ! audioconvert ! avenc_aac ! aacparse ! mux.";
  GError* error = nullptr;
  auto pipeline = gst::adopt_floating(gst_parse_launch(launch.c_str(), &error));
  if (error) {
    const std::string message = error->message;
    g_error_free(error);
    throw std::runtime_error("write_test_clip: " + message);
  }
  gst::ElementPtr sink(gst_bin_get_by_name(GST_BIN(pipeline.get()), "out"));
  g_object_set(sink.get(), "location", file.c_str(), nullptr);  // a property, never launch text
  gst_element_set_state(pipeline.get(), GST_STATE_PLAYING);
  gst::BusPtr bus(gst_element_get_bus(pipeline.get()));
  gst::MessagePtr message(gst_bus_timed_pop_filtered(bus.get(), 60 * GST_SECOND,
                                                     static_cast<GstMessageType>(GST_MESSAGE_EOS | GST_MESSAGE_ERROR)));
  std::string failure;
  if (!message) failure = "timed out";
  else if (GST_MESSAGE_TYPE(message.get()) == GST_MESSAGE_ERROR) {
    GError* raw = nullptr;
    gst_message_parse_error(message.get(), &raw, nullptr);
    failure = raw ? raw->message : "error";
    if (raw) g_error_free(raw);
  }
  gst_element_set_state(pipeline.get(), GST_STATE_NULL);
  if (!failure.empty()) throw std::runtime_error("write_test_clip '" + file.string() + "': " + failure);
}

}  // namespace reelflow::testing
