#include "render_settings.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <cstdint>
#include <stdexcept>

namespace reelflow::compositor {
namespace {

struct Preset {
  const char* name;
  int width;
  int height;
};
constexpr Preset kPresets[] = {{"9:16", 1080, 1920}, {"16:9", 1920, 1080}, {"1:1", 1080, 1080}};

const Preset& find_preset(const std::string& name) {
  for (const auto& p : kPresets)
    if (name == p.name) return p;
  throw std::invalid_argument("unknown preset '" + name + "'");
}

int round_to_even(double v) { return static_cast<int>(std::lround(v / 2.0)) * 2; }

void check_file_name(const std::string& param, const std::string& name) {
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
    throw std::invalid_argument("param '" + param + "': '" + name +
                                "' must be a plain file name (it is written into the output directory)");
}

}  // namespace

void RenderSettings::declare(StageSpec& spec, Target target) {
  spec.param("preset", "9:16", "frame shape: 9:16 (1080x1920), 16:9 (1920x1080) or 1:1 (1080x1080)")
      .one_of({"9:16", "16:9", "1:1"});
  spec.param("width", 0, "frame width in pixels (even); 0 = from the preset").range(0, 7680);
  spec.param("height", 0, "frame height in pixels (even); 0 = from the preset").range(0, 7680);
  spec.param("fps", 30, "frames per second").range(1, 120);
  spec.param("transition", "crossfade", "between scenes: crossfade (scenes overlap) or cut")
      .one_of({"crossfade", "cut"});
  spec.param("transition_s", 0.3, "crossfade length in seconds").range(0.0, 5.0);
  spec.param("ken_burns", true, "slow zoom/pan over each still image");
  spec.param("zoom", 1.15, "Ken Burns zoom factor between the widest and the tightest view").range(1.0, 2.0);
  spec.param("scene_padding_s", 0.4, "hold after each scene's narration, in seconds").range(0.0, 10.0);
  spec.param("captions", "sentence",
             "on-screen captions: sentence (phrases in sync with speech), word (current word highlighted; "
             "needs word timings, else sentence) or none")
      .one_of({"sentence", "word", "none"});
  spec.param("caption_source", "narration",
             "caption text: the spoken narration, or each scene's short caption")
      .one_of({"narration", "caption"});
  spec.param("caption_font", "DejaVu Sans Bold 48",
             "Pango font description; the size is for a 1080-pixel short side and scales with the frame");
  spec.param("music", "", "background music file (any format GStreamer decodes); the music input wins");
  spec.param("music_dir", "", "a folder of music beds for music_bed to pick from");
  spec.param("music_bed", "",
             "background music by name: the file in music_dir with this name and any extension; none = no music");
  spec.param("music_db", -15.0,
             "music loudness where nobody speaks, in LU relative to the narration (EBU R128, both measured)")
      .range(-40.0, 0.0);
  spec.param("duck_db", -6.0, "extra music gain in dB where the voice speaks").range(-40.0, 0.0);
  spec.param("music_fade_s", 1.0, "music fade-in and fade-out in seconds").range(0.0, 30.0);
  spec.param("thumbnail_name", "short-video.jpg", "file name of the thumbnail (.jpg or .png)");
  spec.param("thumbnail_title", true, "draw the scenes' title (the script's) in large type over the thumbnail");
  spec.trust("caption_font", ParamTrust::Name)
      .trust("music", ParamTrust::Path)
      .trust("music_dir", ParamTrust::Path)
      .trust("music_bed", ParamTrust::Name)
      .trust("thumbnail_name", ParamTrust::Path);
  if (target == Target::RawStreams) return;
  spec.param("crf", 23, "x264 constant quality (lower is better; used when bitrate_kbps is 0)").range(0, 50);
  spec.param("bitrate_kbps", 0, "x264 average bitrate in kbit/s; 0 = constant quality (crf)").range(0, 200000);
  spec.param("speed_preset", "veryfast", "x264 speed preset")
      .one_of({"ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"});
  spec.param("audio_bitrate", 128000, "AAC bitrate in bit/s").range(32000, 512000);
  spec.param("output", "short-video.mp4", "file name of the MP4 in the output directory");
  spec.trust("output", ParamTrust::Path);
}

RenderSettings RenderSettings::from_params(const ParamSet& params) {
  RenderSettings s;
  const Preset& preset = find_preset(params.str("preset"));
  auto width = params.integer("width");
  auto height = params.integer("height");
  if (width == 0 && height == 0) {
    width = preset.width;
    height = preset.height;
  } else if (width == 0) {
    width = round_to_even(static_cast<double>(height) * preset.width / preset.height);
  } else if (height == 0) {
    height = round_to_even(static_cast<double>(width) * preset.height / preset.width);
  }
  if (width % 2 != 0 || height % 2 != 0 || width < 16 || height < 16)
    throw std::invalid_argument("frame size " + std::to_string(width) + "x" + std::to_string(height) +
                                " must be even and at least 16x16 (H.264 4:2:0)");
  s.width = static_cast<int>(width);
  s.height = static_cast<int>(height);
  s.fps = static_cast<int>(params.integer("fps"));

  s.transition = params.str("transition") == "cut" ? Transition::Cut : Transition::Crossfade;
  s.transition_s = s.transition == Transition::Cut ? 0.0 : params.number("transition_s");
  s.scene_padding_s = params.number("scene_padding_s");
  s.ken_burns = params.flag("ken_burns");
  s.zoom = params.number("zoom");

  const auto& captions = params.str("captions");
  s.captions = captions == "none" ? CaptionMode::None
               : captions == "word" ? CaptionMode::Word
                                    : CaptionMode::Sentence;
  s.caption_source = params.str("caption_source") == "caption" ? CaptionSource::Caption : CaptionSource::Narration;
  // Sizes are given for a 1080-pixel short side, so captions look the same in every preset.
  double font_scale = std::min(s.width, s.height) / 1080.0;
  const ScaledFont font = scale_font_description(params.str("caption_font"), font_scale);
  s.caption_font = font.description;
  s.caption_em_px = font.em_px;

  s.music_path = params.str("music");
  s.music_dir = params.str("music_dir");
  s.music_bed = params.str("music_bed");
  if (!s.music_path.empty() && !s.music_bed.empty() && s.music_bed != "none")
    throw std::invalid_argument("params 'music' and 'music_bed' both name the music (set one)");
  if (!s.music_bed.empty() && s.music_bed != "none" && s.music_dir.empty())
    throw std::invalid_argument("param 'music_bed': '" + s.music_bed + "' needs 'music_dir', the folder it is in");
  if (s.music_bed.find('/') != std::string::npos || s.music_bed == "." || s.music_bed == "..")
    throw std::invalid_argument("param 'music_bed': '" + s.music_bed + "' must be a name, not a path");
  s.music_db = params.number("music_db");
  s.duck_db = params.number("duck_db");
  s.music_fade_s = params.number("music_fade_s");

  if (params.has("output")) {  // Target::Mp4File
    s.crf = static_cast<int>(params.integer("crf"));
    s.bitrate_kbps = static_cast<int>(params.integer("bitrate_kbps"));
    s.speed_preset = params.str("speed_preset");
    s.audio_bitrate = static_cast<int>(params.integer("audio_bitrate"));
    s.output = params.str("output");
    check_file_name("output", s.output);
  }
  s.thumbnail_name = params.str("thumbnail_name");
  s.thumbnail_title = params.flag("thumbnail_title");
  check_file_name("thumbnail_name", s.thumbnail_name);
  auto ext = std::filesystem::path(s.thumbnail_name).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext != ".jpg" && ext != ".jpeg" && ext != ".png")
    throw std::invalid_argument("param 'thumbnail_name': '" + s.thumbnail_name + "' must end in .jpg, .jpeg or .png");
  return s;
}

ScaledFont scale_font_description(const std::string& description, double factor, double default_size) {
  // Pango puts the size last: "Family Style 48" or "Family 48px".
  auto end = description.find_last_not_of(' ');
  if (end == std::string::npos) return scale_font_description("Sans", factor, default_size);
  std::string trimmed = description.substr(0, end + 1);
  std::string unit;
  if (trimmed.size() > 2 && trimmed.compare(trimmed.size() - 2, 2, "px") == 0) {
    unit = "px";
    trimmed.resize(trimmed.size() - 2);
  }
  auto start = trimmed.find_last_of(' ');
  std::string last = start == std::string::npos ? trimmed : trimmed.substr(start + 1);
  char* parse_end = nullptr;
  double size = std::strtod(last.c_str(), &parse_end);
  bool has_size = !last.empty() && parse_end == last.c_str() + last.size() && size > 0;
  std::string family = has_size ? (start == std::string::npos ? std::string() : trimmed.substr(0, start))
                                : trimmed + unit;
  if (!has_size) {
    size = default_size;
    unit.clear();
  }
  // Keep at least 6 units: smaller text is unreadable anyway.
  const long scaled = std::max(6L, std::lround(size * factor));
  const double em_px = unit == "px" ? static_cast<double>(scaled) : scaled * 96.0 / 72.0;
  return {(family.empty() ? std::string("Sans") : family) + " " + std::to_string(scaled) + unit, em_px};
}

std::size_t caption_line_chars(int frame_width, double em_px) {
  return std::max<std::size_t>(8, static_cast<std::size_t>(0.88 * frame_width / (0.62 * em_px)));
}

}  // namespace reelflow::compositor
