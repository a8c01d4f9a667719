#pragma once
// The compositor's parameters, checked and resolved (preset -> size, font scaled to
// the frame) once, so the rest of the stage works with plain values.
#include <reelflow/param.hpp>
#include <reelflow/stage_spec.hpp>

#include <string>

namespace reelflow::compositor {

enum class Transition { Crossfade, Cut };
enum class CaptionMode { None, Sentence, Word };
enum class CaptionSource { Narration, Caption };

struct RenderSettings {
  int width = 1080;
  int height = 1920;
  int fps = 30;

  Transition transition = Transition::Crossfade;
  double transition_s = 0.3;
  double scene_padding_s = 0.4;
  bool ken_burns = true;
  double zoom = 1.15;

  CaptionMode captions = CaptionMode::Sentence;
  CaptionSource caption_source = CaptionSource::Narration;
  std::string caption_font = "DejaVu Sans Bold 48";  // already scaled to the frame
  double caption_em_px = 64.0;                        // the scaled font's size in pixels

  std::string music_path;
  std::string music_dir;  // a folder of music beds, picked by music_bed
  std::string music_bed;  // a file's name without extension in music_dir; "none": no music
  double music_db = -15.0;  // the bed's loudness relative to the narration, in LU
  double duck_db = -6.0;
  double music_fade_s = 1.0;

  int crf = 23;
  int bitrate_kbps = 0;  // > 0: average bitrate instead of constant quality
  std::string speed_preset = "veryfast";
  int audio_bitrate = 128000;

  std::string output = "short-video.mp4";
  std::string thumbnail_name = "short-video.jpg";
  bool thumbnail_title = true;  // the title in large type over the thumbnail

  // What the render ends in: `compositor` encodes an MP4 itself; `compose` hands raw
  // streams on, so the encoder's and the file's params are not its own.
  enum class Target { Mp4File, RawStreams };
  // Declares every parameter with its default, range and doc.
  static void declare(StageSpec& spec, Target target = Target::Mp4File);
  // Throws std::invalid_argument with a one-line message for values the spec cannot check.
  static RenderSettings from_params(const ParamSet& params);
};

struct ScaledFont {
  std::string description;
  double em_px = 0.0;  // Pango sizes are points at 96 dpi unless given in px
};

// "DejaVu Sans Bold 48" -> "DejaVu Sans Bold 8" for factor 1/6: the trailing size is
// scaled; a description without a size gets `default_size * factor`.
ScaledFont scale_font_description(const std::string& description, double factor, double default_size = 48.0);

// How many characters fit on one caption line: 88% of the frame width at an average
// bold glyph width of 0.62 em.
std::size_t caption_line_chars(int frame_width, double em_px);

}  // namespace reelflow::compositor
