#include "shot_detect_stage.hpp"

#include "content_score.hpp"
#include "frame_source.hpp"
#include "shot_outputs.hpp"
#include "shot_scan.hpp"
#include "thumbnail_store.hpp"

#include <reelflow/stage_context.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::scene_segmenter {
namespace {

// Progress is reported at most this often (fraction of the expected frames).
constexpr double kProgressStep = 0.01;
// Container frame counts are estimates; a few frames short is normal.
constexpr std::int64_t kMissingFramesTolerated = 3;

DecoderChoice decoder_choice(const std::string& name) {
  if (name == "opencv") return DecoderChoice::OpenCv;
  if (name == "gstreamer") return DecoderChoice::GStreamer;
  return DecoderChoice::Auto;
}

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

}  // namespace

void ShotDetectStage::setup(StageSpec& spec) {
  spec.describe(
      "Finds the shots of a video file by hard cuts (PySceneDetect's ContentDetector: HSV frame differences), "
      "dissolves and fades, and lists them with times and thumbnails");
  spec.input("video", types::file, "the video to scan (a video output connects here too)");
  declare_shot_params_and_outputs(spec);
  spec.param("decoder", "auto", "auto (OpenCV/FFmpeg, else GStreamer), opencv or gstreamer")
      .one_of({"auto", "opencv", "gstreamer"});
}

Status ShotDetectStage::process(StageContext& context) {
  const ParamSet& params = context.params();
  if (std::string why = scene_list_name_error(params); !why.empty()) return Status::error("shot_detect: " + why);

  const Value* input = context.input("video");
  std::optional<std::filesystem::path> video = input ? file_of(*input) : std::nullopt;
  if (!video) return Status::error("shot_detect: input 'video' carries no file");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(*video, ec))
    return Status::error("shot_detect: video file " + quoted(*video) + " does not exist or is not a file");

  try {
    std::string why;
    std::unique_ptr<FrameSource> source =
        open_frame_source(*video, decoder_choice(params.str("decoder")), &why);
    if (!source) return Status::error("shot_detect: cannot decode video " + quoted(*video) + ": " + why);
    const double fps = source->fps();
    const std::int64_t expected = source->expected_frames();
    char stream[96];
    std::snprintf(stream, sizeof stream, " at %.3g fps, about %lld frames", fps, static_cast<long long>(expected));
    context.log(LogLevel::Info, "decoding " + quoted(*video) + " with " + source->decoder_name() + stream);

    const std::string list_name = params.str("scene_list_name");
    std::optional<ThumbnailStore> thumbnails;
    if (params.flag("thumbnails"))
      thumbnails.emplace(context.work_dir() / "shot_thumbnails",
                         context.output_dir() / (std::filesystem::path(list_name).stem().string() + "_thumbs"));
    ShotScan scan(detector_settings(params), std::move(thumbnails));
    auto emit = [&](const std::vector<Transition>& found) {
      for (const Transition& t : found) context.emit("cuts", cut_record(t));
    };

    int factor = static_cast<int>(params.integer("downscale"));
    double reported = -1.0;
    std::int64_t frame_count = 0;
    cv::Mat frame;
    // The decoders give frame numbers, not timestamps: times are frame / fps.
    for (; source->read(frame); ++frame_count) {
      if (context.cancelled()) return Status::error("cancelled");
      if (frame_count == 0 && factor == 0) factor = auto_downscale_factor(frame.cols);
      emit(scan.feed(frame_count, static_cast<double>(frame_count) / fps, downscale(frame, factor)));
      if (scan.wants_thumbnail(frame_count)) scan.keep_thumbnail(frame_count, ThumbnailStore::shrink(frame));
      if (expected > 0) {
        double fraction = std::min(0.99, static_cast<double>(frame_count + 1) / static_cast<double>(expected));
        if (fraction - reported >= kProgressStep) {
          reported = fraction;
          context.progress(fraction, "frame " + std::to_string(frame_count + 1) + "/" + std::to_string(expected));
        }
      }
    }
    if (!source->error().empty()) {
      return Status::error("shot_detect: decoding " + quoted(*video) + " failed after frame " +
                           std::to_string(frame_count) + ": " + source->error());
    }
    if (frame_count < 2) {
      return Status::error("shot_detect: " + quoted(*video) + " is not a video (decoded " +
                           std::to_string(frame_count) + " frame(s))");
    }
    if (expected > 0 && frame_count + kMissingFramesTolerated < expected) {
      context.log(LogLevel::Warn, "decoded " + std::to_string(frame_count) + " of about " + std::to_string(expected) +
                                      " frames of " + quoted(*video) + "; the end of the file may be damaged");
    }
    emit(scan.flush());
    std::vector<Shot> shots = scan.shots(frame_count, static_cast<double>(frame_count) / fps);
    std::string summary = publish_shots(context, video->stem().string(), shots, scan.transitions());
    context.log(LogLevel::Info, summary);
    context.progress(1.0, summary);
    return Status::ok();
  } catch (const std::exception& e) {
    return Status::error("shot_detect: " + quoted(*video) + ": " + e.what());
  }
}

}  // namespace reelflow::scene_segmenter
