#include "launch_description.hpp"

namespace reelflow::gst_launch {
namespace {

// gst-launch quoting: a double-quoted value with \ and " escaped.
std::string quoted(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string check_fragment(const std::string& fragment) {
  if (fragment.find_first_not_of(" \t\r\n!") == std::string::npos) return "the pipeline fragment is empty";
  if (fragment.find(kSinkName) != std::string::npos) return std::string("the name '") + kSinkName + "' is reserved";
  return {};
}

std::string to_launch_line(const LaunchDescription& d) {
  std::string line;
  if (d.input) line = "filesrc location=" + quoted(*d.input) + " ! decodebin ! ";
  line += d.fragment;
  if (d.mux == "mp4") line += " ! mp4mux faststart=true";
  else if (d.mux == "mkv") line += " ! matroskamux";
  line += std::string(" ! filesink name=") + kSinkName + " location=" + quoted(d.output);
  return line;
}

}  // namespace reelflow::gst_launch
