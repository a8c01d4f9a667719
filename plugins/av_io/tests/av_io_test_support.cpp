#include "av_io_test_support.hpp"

#include "loopback_port.hpp"
#include "wait_until.hpp"

#include <gst/gst.h>

#include <fstream>
#include <stdexcept>

namespace reelflow::testing {

void make_test_file(const std::filesystem::path& path, int seconds) {
  gst_init(nullptr, nullptr);
  // Test-only launch text with fixed numbers: no parameter reaches it.
  const std::string launch =
      "videotestsrc num-buffers=" + std::to_string(seconds * 30) +
      " ! video/x-raw,width=320,height=240,framerate=30/1 ! x264enc speed-preset=ultrafast ! h264parse ! mux. "
      "audiotestsrc num-buffers=" + std::to_string(seconds * 48000 / 1024) +
      " samplesperbuffer=1024 ! audio/x-raw,rate=48000 ! audioconvert ! voaacenc ! mux. "
      "mp4mux name=mux ! filesink location=\"" + path.string() + "\"";
  GError* error = nullptr;
  GstElement* pipeline = gst_parse_launch(launch.c_str(), &error);
  if (!pipeline) throw std::runtime_error(error ? error->message : "cannot make the test file");
  gst_element_set_state(pipeline, GST_STATE_PLAYING);
  GstBus* bus = gst_element_get_bus(pipeline);
  GstMessage* msg = gst_bus_timed_pop_filtered(bus, 60 * GST_SECOND,
                                               static_cast<GstMessageType>(GST_MESSAGE_EOS | GST_MESSAGE_ERROR));
  const bool ok = msg && GST_MESSAGE_TYPE(msg) == GST_MESSAGE_EOS;
  if (msg) gst_message_unref(msg);
  gst_object_unref(bus);
  gst_element_set_state(pipeline, GST_STATE_NULL);
  gst_object_unref(pipeline);
  if (!ok) throw std::runtime_error("the test file pipeline failed");
}

std::unique_ptr<Subprocess> start_rtsp_server(int port, const std::filesystem::path& logs) {
  auto server = std::make_unique<Subprocess>(std::vector<std::string>{AV_IO_RTSP_SERVER, std::to_string(port)}, logs);
  if (!server->started() || !wait_until([&] { return loopback_accepts(port); }, std::chrono::seconds(10))) return nullptr;
  return server;
}

std::unique_ptr<Subprocess> start_nginx_rtmp(int port, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir / "logs");
  std::ofstream(dir / "nginx.conf") << "load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;\n"
                                       "daemon off;\nmaster_process off;\nworker_processes 1;\n"
                                    << "pid " << (dir / "nginx.pid").string() << ";\n"
                                    << "error_log " << (dir / "logs/error.log").string() << ";\n"
                                    << "events { worker_connections 64; }\n"
                                       "rtmp { server { listen 127.0.0.1:"
                                    << port << "; application live { live on; } } }\n";
  auto nginx = std::make_unique<Subprocess>(
      std::vector<std::string>{"/usr/sbin/nginx", "-p", dir.string(), "-c", (dir / "nginx.conf").string(), "-e",
                               (dir / "logs/error.log").string()},
      dir / "capture");
  if (!nginx->started() || !wait_until([&] { return loopback_accepts(port); }, std::chrono::seconds(10))) return nullptr;
  return nginx;
}

}  // namespace reelflow::testing
