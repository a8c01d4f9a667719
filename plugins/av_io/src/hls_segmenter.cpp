#include "hls_segmenter.hpp"

#include "av_elements.hpp"
#include "encoded_inputs.hpp"

#include <fstream>
#include <sstream>

namespace reelflow::av_io {

void declare_segment_params(StageSpec& spec) {
  spec.param("dir", "live", "folder under the output dir for the playlist and its segments (one component)");
  spec.param("segment_s", 2, "target segment length in seconds (segments cut at keyframes)").range(1, 60);
  spec.param("playlist_length", 0, "segments listed in the playlist; 0: all of them").range(0, 100000);
  spec.param("max_files", 0, "segment files kept on disk; 0: all of them").range(0, 100000);
  spec.trust("dir", ParamTrust::Path);
}

void check_segment_params(const ParamSet& p, CheckReport& report) {
  if (!is_plain_name(p.str("dir"))) report.error("dir", "the dir must be one folder name, without '/' or '..'");
  if (p.integer("max_files") > 0 && p.integer("max_files") < p.integer("playlist_length"))
    report.error("max_files", "max_files is smaller than playlist_length: the playlist would list deleted segments");
}

GstElement* add_hls_segmenter(GstElement* bin, const ParamSet& p, const std::filesystem::path& folder) {
  std::filesystem::create_directories(folder);
  const std::string segments = (folder / "segment%05d.ts").string();
  const std::string playlist = playlist_in(folder).string();
  GstElement* hls = add_element(bin, "hlssink2", "hls");
  g_object_set(hls, "location", segments.c_str(), "playlist-location", playlist.c_str(), "target-duration",
               static_cast<guint>(p.integer("segment_s")), "playlist-length",
               static_cast<guint>(p.integer("playlist_length")), "max-files", static_cast<guint>(p.integer("max_files")),
               nullptr);
  return hls;
}

Status check_playlist_ended(const char* stage_type, const std::filesystem::path& playlist) {
  std::ifstream in(playlist);
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().find("#EXT-X-ENDLIST") == std::string::npos)
    return Status::error(std::string(stage_type) + ": " + playlist.string() + " was not ended (no #EXT-X-ENDLIST)");
  return Status::ok();
}

}  // namespace reelflow::av_io
