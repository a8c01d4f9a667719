#pragma once
// What the av_io tests share: a recorded media file to read, elapsed time, and
// the peers (ffmpeg, nginx-rtmp, the RTSP test server) started on free ports.
#include "subprocess.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

namespace reelflow::testing {

// A `seconds` long H.264 + AAC MP4 (320x240, 30 fps), made with GStreamer.
void make_test_file(const std::filesystem::path& path, int seconds);

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The RTSP test server (rtsp_test_server.cpp) on `port`, serving /test; null if it did not start.
std::unique_ptr<Subprocess> start_rtsp_server(int port, const std::filesystem::path& logs);

// nginx with the RTMP module on `port` (application "live"); null if it did not start.
std::unique_ptr<Subprocess> start_nginx_rtmp(int port, const std::filesystem::path& dir);

}  // namespace reelflow::testing
