#include "shot_detect_stage.hpp"

#include "content_detector.hpp"
#include "frame_source.hpp"
#include "middle_frame_sampler.hpp"
#include "shot.hpp"
#include "shot_list_file.hpp"
#include "thumbnail_store.hpp"

#include <reelflow/stage_context.hpp>

#include <cstdio>
#include <algorithm>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace reelflow::scene_segmenter {
namespace {

// Progress is reported at most this often (fraction of the expected frames).
constexpr double kProgressStep = 0.01;
constexpr std::size_t kCutsListedInLog = 20;
// Container frame counts are estimates; a few frames short is normal.
constexpr std::int64_t kMissingFramesTolerated = 3;

DecoderChoice decoder_choice(const std::string& name) {
  if (name == "opencv") return DecoderChoice::OpenCv;
  if (name == "gstreamer") return DecoderChoice::GStreamer;
  return DecoderChoice::Auto;
}

bool is_plain_file_name(const std::string& name) {
  std::filesystem::path path(name);
  return !name.empty() && path.filename() == path && name != "." && name != "..";
}

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

// The shots between consecutive cuts, with their thumbnails' final paths.
std::vector<Shot> shots_from_cuts(const std::vector<std::int64_t>& starts, std::int64_t frame_count, double fps,
                                  const ThumbnailStore* thumbnails) {
  std::vector<Shot> shots;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    Shot shot;
    shot.index = static_cast<int>(i);
    shot.start_frame = starts[i];
    shot.end_frame = i + 1 < starts.size() ? starts[i + 1] : frame_count;
    shot.start_s = static_cast<double>(shot.start_frame) / fps;
    shot.end_s = static_cast<double>(shot.end_frame) / fps;
    if (thumbnails) shot.thumbnail = thumbnails->final_path(shot.index);
    shots.push_back(std::move(shot));
  }
  return shots;
}

std::string describe_cuts(const std::vector<Shot>& shots) {
  std::string text = std::to_string(shots.size()) + " shot(s)";
  for (std::size_t i = 1; i < shots.size() && i <= kCutsListedInLog; ++i) {
    char cut[48];
    std::snprintf(cut, sizeof cut, "%s%.2f s", i == 1 ? "; cuts at " : ", ", shots[i].start_s);
    text += cut;
  }
  if (shots.size() > kCutsListedInLog + 1) text += ", ...";
  return text;
}

}  // namespace

void ShotDetectStage::setup(StageSpec& spec) {
  spec.describe(
      "Finds the shots of a video by hard cuts (PySceneDetect's ContentDetector: HSV frame differences) and "
      "lists them with times and thumbnails");
  spec.input("video", types::file, "the video to scan (a video output connects here too)");
  spec.output("scenes", types::scenes, "one scene per shot, with start_s, end_s and thumbnail");
  spec.output("scene_list", types::file, "the shot list as JSON, in the output directory");
  spec.param("threshold", 27.0, "a frame whose HSV content change is at least this (0-255) starts a shot")
      .range(0.0, 255.0);
  spec.param("min_scene_len", 15, "fewest frames in a shot; cuts closer than this to the last one are ignored")
      .range(1.0, 1e9);
  spec.param("downscale", 0, "shrink frames by this factor before comparing (0 = auto, about 256 px wide)")
      .range(0.0, 64.0);
  spec.param("thumbnails", true, "write a JPEG from the middle of each shot to <scene_list_name>_thumbs/");
  spec.param("scene_list_name", "scenes.json", "file name of the JSON shot list in the output directory");
  spec.param("decoder", "auto", "auto (OpenCV/FFmpeg, else GStreamer), opencv or gstreamer")
      .one_of({"auto", "opencv", "gstreamer"});
  spec.trust("scene_list_name", ParamTrust::Path);
}

Status ShotDetectStage::process(StageContext& context) {
  const ParamSet& params = context.params();
  const std::string list_name = params.str("scene_list_name");
  if (!is_plain_file_name(list_name))
    return Status::error("shot_detect: scene_list_name '" + list_name + "' must be a file name without folders");

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

    const std::filesystem::path list_path = context.output_dir() / list_name;
    const bool want_thumbnails = params.flag("thumbnails");
    ThumbnailStore thumbnails(context.work_dir() / "shot_thumbnails",
                              context.output_dir() / (std::filesystem::path(list_name).stem().string() + "_thumbs"));
    ContentDetector detector(params.number("threshold"), params.integer("min_scene_len"));
    MiddleFrameSampler sampler;
    std::vector<std::int64_t> starts{0};
    auto finish_shot = [&](std::int64_t end_frame) {
      if (!want_thumbnails) return;
      auto [frame_number, image] = sampler.middle(end_frame);
      if (!image.empty()) thumbnails.save(static_cast<int>(starts.size() - 1), image);
    };

    int factor = static_cast<int>(params.integer("downscale"));
    double reported = -1.0;
    std::int64_t frame_count = 0;
    cv::Mat frame;
    for (; source->read(frame); ++frame_count) {
      if (context.cancelled()) return Status::error("cancelled");
      if (frame_count == 0 && factor == 0) factor = auto_downscale_factor(frame.cols);
      if (detector.is_cut(frame_count, downscale(frame, factor))) {
        finish_shot(frame_count);
        starts.push_back(frame_count);
        sampler.start(frame_count);
      }
      if (want_thumbnails && sampler.wants(frame_count)) sampler.keep(frame_count, ThumbnailStore::shrink(frame));
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
    finish_shot(frame_count);

    std::vector<Shot> shots = shots_from_cuts(starts, frame_count, fps, want_thumbnails ? &thumbnails : nullptr);
    if (want_thumbnails) thumbnails.publish();
    write_shot_list(list_path, shots);

    SceneList scenes;
    scenes.title = video->stem().string();
    for (const Shot& shot : shots) {
      Scene scene;
      scene.index = shot.index;
      scene.start_s = shot.start_s;
      scene.end_s = shot.end_s;
      scene.target_duration_s = shot.end_s - shot.start_s;
      scene.thumbnail = shot.thumbnail;
      scenes.scenes.push_back(std::move(scene));
    }
    std::string summary = describe_cuts(shots);
    context.log(LogLevel::Info, summary);
    context.progress(1.0, summary);
    context.set_output("scenes", std::move(scenes));
    context.set_output("scene_list", FileRef{list_path, "application/json"});
    return Status::ok();
  } catch (const std::exception& e) {
    return Status::error("shot_detect: " + quoted(*video) + ": " + e.what());
  }
}

}  // namespace reelflow::scene_segmenter
