#include "stream/sink_bins.hpp"

#include <reelflow/gst_ptr.hpp>

#include <vector>

namespace reelflow::framework {

bool flag_bins_holding_sinks(GstElement* bin) {
  std::vector<gst::ElementPtr> children;
  GST_OBJECT_LOCK(bin);
  for (GList* l = GST_BIN_CHILDREN(GST_BIN(bin)); l; l = l->next)
    children.emplace_back(GST_ELEMENT(gst_object_ref(l->data)));
  GST_OBJECT_UNLOCK(bin);
  bool holds = false;
  for (const auto& child : children) {
    const bool inner = GST_IS_BIN(child.get()) && flag_bins_holding_sinks(child.get());
    holds = holds || inner || GST_OBJECT_FLAG_IS_SET(child.get(), GST_ELEMENT_FLAG_SINK);
  }
  if (holds) {
    GST_OBJECT_LOCK(bin);
    GST_OBJECT_FLAG_SET(bin, GST_ELEMENT_FLAG_SINK);
    GST_OBJECT_UNLOCK(bin);
  }
  return holds;
}

}  // namespace reelflow::framework
