#include "source_location.hpp"

namespace reelflow::av_io {
namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

SourceKind kind_of_source(const std::string& source) {
  if (source == "test") return SourceKind::Test;
  if (starts_with(source, "rtsp://") || starts_with(source, "rtsps://")) return SourceKind::Rtsp;
  if (starts_with(source, "srt://")) return SourceKind::Srt;
  if (starts_with(source, "rtmp://") || starts_with(source, "rtmps://")) return SourceKind::Rtmp;
  return SourceKind::File;
}

std::string kind_name(SourceKind kind) {
  switch (kind) {
    case SourceKind::Test: return "test";
    case SourceKind::File: return "file";
    case SourceKind::Rtsp: return "rtsp";
    case SourceKind::Srt: return "srt";
    case SourceKind::Rtmp: return "rtmp";
  }
  return "?";
}

const std::vector<std::string>& network_source_patterns() {
  static const std::vector<std::string> patterns = {"rtsp://*", "rtsps://*", "srt://*", "rtmp://*", "rtmps://*"};
  return patterns;
}

bool is_network(SourceKind kind) { return kind == SourceKind::Rtsp || kind == SourceKind::Srt || kind == SourceKind::Rtmp; }

std::optional<std::string> kind_mismatch(const std::string& kind, const std::string& source) {
  const SourceKind actual = kind_of_source(source);
  // auto: the kind is the source's form. A confined run still gets the network
  // exactly for a network URL: av_source declares network use by `source`'s scheme too.
  if (kind == "auto") return std::nullopt;
  if (kind == kind_name(actual)) return std::nullopt;
  if (kind == "file" && actual == SourceKind::File) return std::nullopt;
  return "kind '" + kind + "' does not match source '" + source + "' (a " + kind_name(actual) + " source)";
}

}  // namespace reelflow::av_io
