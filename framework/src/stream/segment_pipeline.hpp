#pragma once
// The GstPipeline of one segment: a bin per stage (the stage fills it), then the
// runtime's links between them: a queue per edge configured from its policy, a
// tee (allow-not-linked) where an output feeds several inputs, a fakesink on an
// output nothing reads, and the host's attached elements.
#include "stream/segment_runner.hpp"
#include "stream/stream_stats.hpp"

#include <reelflow/gst_ptr.hpp>
#include <reelflow/stage_spec.hpp>
#include <reelflow/status.hpp>

#include <optional>
#include <string>
#include <vector>

namespace reelflow::framework {

class SegmentPipeline {
 public:
  SegmentPipeline(const std::string& name, std::size_t members);

  GstElement* pipeline() const { return pipeline_.get(); }
  // An empty bin for member `member`, already in the pipeline (the pipeline owns it).
  GstElement* add_member_bin(std::size_t member, const std::string& stage_id);
  GstElement* member_bin(std::size_t member) const { return bins_[member]; }

  // Every stream port of member `member` must be a ghost pad of its bin, with the
  // right direction; each is then watched for stats.
  Status check_ports(std::size_t member, const StageSpec& spec, StreamStatsProbes& stats);
  // The edges, attachments and unread outputs, once every member's ports are
  // checked. A failure names the ports.
  Status link(const std::vector<const StageSpec*>& specs, const std::vector<std::string>& ids,
              const std::vector<SegmentEdge>& edges, const std::vector<PortAttachment>& attachments,
              StreamStatsProbes& stats);

  // The member whose bin holds `object` (walking up its parents), if any.
  std::optional<std::size_t> member_of(GstObject* object) const;

 private:
  GstElement* make(const char* factory, const std::string& name);

  gst::ElementPtr pipeline_;
  std::vector<GstElement*> bins_;  // owned by the pipeline
};

}  // namespace reelflow::framework
