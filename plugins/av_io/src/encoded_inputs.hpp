#pragma once
// The inputs every muxing sink shares: `video` (H.264) and an optional `audio`
// (AAC or Opus), with the `audio` param that says whether audio is connected (a
// stream stage cannot see at build time whether an optional input has an edge,
// so the check hook holds the param and the graph to agreement).
#include <reelflow/reelflow.hpp>
#include <reelflow/stage_check.hpp>

#include <gst/gst.h>

#include <string>

namespace reelflow::av_io {

void declare_encoded_inputs(StageSpec& spec, bool opus_allowed);
void check_encoded_inputs(const CheckContext& context, CheckReport& report);
void encoded_input_caps(const ParamSet& params, StreamCaps& caps, bool opus_allowed);

// Feeds `mux` from the bin's `video` (through h264parse) and, when the `audio`
// param is on, `audio` ghost pads, on request pads from the templates named
// (e.g. "video_%u", "audio_%u"); with audio off the `audio` pad has no target.
// Returns the h264parse, whose src pad shows the stream's size and rate.
GstElement* connect_encoded_inputs(const ParamSet& params, GstElement* bin, GstElement* mux, const char* video_template,
                                   const char* audio_template);

// A name for a file or folder under the output dir: one plain component.
bool is_plain_name(const std::string& name);

}  // namespace reelflow::av_io
