#include "shot_detect_stream_stage.hpp"

#include "content_score.hpp"
#include "mapped_video_frame.hpp"
#include "shot_outputs.hpp"
#include "thumbnail_store.hpp"

#include <reelflow/gst_ptr.hpp>

#include <gst/video/video.h>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <stdexcept>

namespace reelflow::scene_segmenter {
namespace {

// The analysis branch shrinks frames to at most this width: enough for the
// thumbnails (ThumbnailStore keeps 640), and the detector shrinks further.
constexpr int kAnalysisMaxWidth = 640;

GstElement* add(GstElement* bin, const char* factory, const char* name) {
  GstElement* e = gst_element_factory_make(factory, name);
  if (!e) throw std::runtime_error(std::string("missing GStreamer element ") + factory);
  gst_bin_add(GST_BIN(bin), e);
  return e;
}

void link(GstElement* from, GstElement* to) {
  if (!gst_element_link(from, to))
    throw std::runtime_error(std::string("cannot link ") + GST_ELEMENT_NAME(from) + " to " + GST_ELEMENT_NAME(to));
}

void ghost(GstElement* bin, GstElement* element, const char* pad_name, const char* port) {
  gst::PadPtr pad(gst_element_get_static_pad(element, pad_name));
  gst_element_add_pad(bin, gst_ghost_pad_new(port, pad.get()));
}

// The buffer's time in the stream (its PTS where the segment starts at 0).
double stream_time_s(GstSample* sample, GstBuffer* buffer, double fallback) {
  if (!GST_BUFFER_PTS_IS_VALID(buffer)) return fallback;
  GstClockTime t = GST_BUFFER_PTS(buffer);
  if (const GstSegment* segment = gst_sample_get_segment(sample); segment && segment->format == GST_FORMAT_TIME) {
    const GstClockTime stream = gst_segment_to_stream_time(segment, GST_FORMAT_TIME, t);
    if (GST_CLOCK_TIME_IS_VALID(stream)) t = stream;
  }
  return static_cast<double>(t) / GST_SECOND;
}

}  // namespace

void ShotDetectStreamStage::setup(StageSpec& spec) {
  spec.describe(
      "Finds the shots of a video stream (hard cuts, dissolves, fades) as it plays: emits each boundary with its "
      "timestamp when confirmed, and lists the shots with thumbnails at the end");
  spec.stream_input("video", "video/x-raw", "the video to scan");
  spec.stream_output("out", "video/x-raw", "the same video, unchanged (for a chain; unread is fine)").optional();
  declare_shot_params_and_outputs(spec);
  spec.not_cacheable();  // a stream has no stable identity to cache by
}

Status ShotDetectStreamStage::check(const ParamSet& params) {
  if (std::string why = scene_list_name_error(params); !why.empty()) return Status::error(why);
  return Status::ok();
}

Status ShotDetectStreamStage::build(StageContext& context, GstElement* bin) {
  context_ = &context;
  const ParamSet& params = context.params();
  if (std::string why = scene_list_name_error(params); !why.empty()) return Status::error(why);
  downscale_ = static_cast<int>(params.integer("downscale"));
  std::optional<ThumbnailStore> thumbnails;
  if (params.flag("thumbnails"))
    thumbnails.emplace(context.work_dir() / "shot_thumbnails",
                       context.output_dir() /
                           (std::filesystem::path(params.str("scene_list_name")).stem().string() + "_thumbs"));
  scan_ = std::make_unique<ShotScan>(detector_settings(params), std::move(thumbnails));

  try {
    GstElement* split = add(bin, "tee", "split");
    GstElement* pass = add(bin, "queue", "pass");
    GstElement* analysis = add(bin, "queue", "analysis");
    GstElement* scale = add(bin, "videoscale", "shrink");
    GstElement* convert = add(bin, "videoconvert", "to-bgr");
    analysis_caps_ = add(bin, "capsfilter", "analysis-caps");
    analysis_sink_ = add(bin, "appsink", "frames");
    // Until the input's size is known, BGR at any size; on_caps narrows it.
    gst::CapsPtr bgr(gst_caps_from_string("video/x-raw,format=BGR"));
    g_object_set(analysis_caps_, "caps", bgr.get(), nullptr);
    g_object_set(analysis_sink_, "sync", FALSE, "enable-last-sample", FALSE, nullptr);
    link(split, pass);
    link(split, analysis);
    link(analysis, scale);
    link(scale, convert);
    link(convert, analysis_caps_);
    link(analysis_caps_, analysis_sink_);
    ghost(bin, split, "sink", "video");
    ghost(bin, pass, "src", "out");

    GstAppSinkCallbacks callbacks{};
    callbacks.new_sample = &ShotDetectStreamStage::on_sample;
    gst_app_sink_set_callbacks(GST_APP_SINK(analysis_sink_), &callbacks, this, nullptr);
    gst::PadPtr scale_input(gst_element_get_static_pad(scale, "sink"));
    gst_pad_add_probe(scale_input.get(), GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, &ShotDetectStreamStage::on_caps, this,
                      nullptr);
  } catch (const std::exception& e) {
    return Status::error(e.what());
  }
  return Status::ok();
}

GstPadProbeReturn ShotDetectStreamStage::on_caps(GstPad*, GstPadProbeInfo* info, gpointer self) {
  GstEvent* event = GST_PAD_PROBE_INFO_EVENT(info);
  if (GST_EVENT_TYPE(event) != GST_EVENT_CAPS) return GST_PAD_PROBE_OK;
  GstCaps* caps = nullptr;
  gst_event_parse_caps(event, &caps);
  GstVideoInfo video;
  if (caps && gst_video_info_from_caps(&video, caps))
    static_cast<ShotDetectStreamStage*>(self)->fix_analysis_size(GST_VIDEO_INFO_WIDTH(&video),
                                                                 GST_VIDEO_INFO_HEIGHT(&video));
  return GST_PAD_PROBE_OK;
}

// Called before the caps reach videoscale, so the branch negotiates the new size.
void ShotDetectStreamStage::fix_analysis_size(int width, int height) {
  const int factor = downscale_ > 0 ? downscale_ : auto_downscale_factor(width);
  const cv::Size detector = downscaled_size({width, height}, factor);
  detector_width_ = detector.width;
  detector_height_ = detector.height;
  const int analysis_width = std::min(width, kAnalysisMaxWidth);
  const int analysis_height = std::max(1, static_cast<int>(std::lround(static_cast<double>(height) * analysis_width / width)));
  gst::CapsPtr caps(gst_caps_new_simple("video/x-raw", "format", G_TYPE_STRING, "BGR", "width", G_TYPE_INT,
                                        analysis_width, "height", G_TYPE_INT, analysis_height, nullptr));
  g_object_set(analysis_caps_, "caps", caps.get(), nullptr);
}

GstFlowReturn ShotDetectStreamStage::on_sample(GstAppSink* sink, gpointer self_ptr) {
  auto* self = static_cast<ShotDetectStreamStage*>(self_ptr);
  gst::SamplePtr sample(gst_app_sink_pull_sample(sink));
  if (!sample) return GST_FLOW_EOS;
  std::string error;
  try {
    error = self->analyse(sample.get());
  } catch (const std::exception& e) {
    error = e.what();
  }
  if (error.empty()) return GST_FLOW_OK;
  // Posted by our own appsink, so the runtime names this stage and our reason.
  GError* gerror = g_error_new_literal(GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED, error.c_str());
  gst_element_post_message(GST_ELEMENT(sink), gst_message_new_error(GST_OBJECT(sink), gerror, nullptr));
  g_error_free(gerror);
  return GST_FLOW_ERROR;
}

std::string ShotDetectStreamStage::analyse(GstSample* sample) {
  GstBuffer* buffer = gst_sample_get_buffer(sample);
  GstVideoInfo info;
  if (!buffer || !gst_video_info_from_caps(&info, gst_sample_get_caps(sample))) return "a frame without video caps";
  MappedVideoFrame mapped(&info, buffer);
  if (!mapped.ok()) return "cannot map a frame";
  cv::Mat frame = mapped.view();
  const cv::Size detector(detector_width_.load(), detector_height_.load());
  const cv::Mat* seen = &frame;
  if (detector.width > 0 && detector != frame.size()) {
    cv::resize(frame, analysis_, detector, 0, 0, cv::INTER_LINEAR);
    seen = &analysis_;
  }

  std::vector<Transition> found;
  {
    std::lock_guard lock(mutex_);
    const double time_s = stream_time_s(sample, buffer, last_time_s_);
    found = scan_->feed(frames_, time_s, *seen);
    if (scan_->wants_thumbnail(frames_)) scan_->keep_thumbnail(frames_, ThumbnailStore::shrink(frame));
    // The stream ends where its last frame does: its duration, else the last interval.
    const double duration = GST_BUFFER_DURATION_IS_VALID(buffer)
                                ? static_cast<double>(GST_BUFFER_DURATION(buffer)) / GST_SECOND
                                : (frames_ > 0 ? time_s - last_time_s_ : 0.0);
    end_s_ = time_s + duration;
    last_time_s_ = time_s;
    ++frames_;
  }
  for (const Transition& t : found) context_->emit("cuts", cut_record(t));
  return {};
}

Status ShotDetectStreamStage::finish(StageContext& context) {
  std::lock_guard lock(mutex_);
  if (frames_ == 0) return Status::error("shot_detect_stream: the stream ended without a video frame");
  try {
    for (const Transition& t : scan_->flush()) context.emit("cuts", cut_record(t));
    std::vector<Shot> shots = scan_->shots(frames_, end_s_);
    const std::string summary = publish_shots(context, context.stage_id(), shots, scan_->transitions());
    context.log(LogLevel::Info, std::to_string(frames_) + " frames; " + summary);
    return Status::ok();
  } catch (const std::exception& e) {
    return Status::error(std::string("shot_detect_stream: ") + e.what());
  }
}

}  // namespace reelflow::scene_segmenter
