#pragma once
// What av_source's `source` names: the test pattern, a local file, or a network
// URL, and whether the declared `kind` agrees (the sandbox grants network by kind).
#include <optional>
#include <string>
#include <vector>

namespace reelflow::av_io {

enum class SourceKind { Test, File, Rtsp, Srt, Rtmp };

// The kind `source` is by its form: "test", a scheme this stage reads, else a file.
SourceKind kind_of_source(const std::string& source);
std::string kind_name(SourceKind kind);
bool is_network(SourceKind kind);
// The schemes kind_of_source reads as network, as uses_network_when patterns ("srt://*").
const std::vector<std::string>& network_source_patterns();
// Why `kind` (the param: auto, test, file, rtsp, srt, rtmp) does not fit `source`; nullopt when it does.
std::optional<std::string> kind_mismatch(const std::string& kind, const std::string& source);

}  // namespace reelflow::av_io
