#include "caption_blend.hpp"

#include "gst_elements.hpp"
#include "mapped_video_frame.hpp"
#include "overlay_planes.hpp"

#include <gst/base/gstbasetransform.h>
#include <gst/video/video.h>

#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace reelflow::compositor {
namespace {

#define REELFLOW_OVERLAY_FEATURE GST_CAPS_FEATURE_META_GST_VIDEO_OVERLAY_COMPOSITION

// What the element keeps between frames: the frame format and the current captions,
// prepared for blending (textoverlay makes a new composition only when the text changes).
struct BlendState {
  GstVideoInfo info{};
  guint composition_seqnum = 0;  // 0: nothing prepared yet (seqnums start at 1)
  std::vector<OverlayPlanes> overlays;

  void prepare(GstVideoOverlayComposition* composition);
};

void BlendState::prepare(GstVideoOverlayComposition* composition) {
  const guint seqnum = gst_video_overlay_composition_get_seqnum(composition);
  if (seqnum == composition_seqnum) return;
  overlays.clear();
  composition_seqnum = 0;  // until every rectangle is prepared
  const cv::Size frame(GST_VIDEO_INFO_WIDTH(&info), GST_VIDEO_INFO_HEIGHT(&info));
  for (guint i = 0; i < gst_video_overlay_composition_n_rectangles(composition); ++i) {
    GstVideoOverlayRectangle* rect = gst_video_overlay_composition_get_rectangle(composition, i);
    gint x = 0, y = 0;
    guint width = 0, height = 0;
    gst_video_overlay_rectangle_get_render_rectangle(rect, &x, &y, &width, &height);
    // Premultiplied RGB at the render rectangle's size, as textoverlay drew it (owned
    // and cached by the rectangle).
    GstBuffer* pixels =
        gst_video_overlay_rectangle_get_pixels_argb(rect, GST_VIDEO_OVERLAY_FORMAT_FLAG_PREMULTIPLIED_ALPHA);
    GstVideoMeta* meta = pixels ? gst_buffer_get_video_meta(pixels) : nullptr;
    if (!meta) throw std::runtime_error("an overlay rectangle has no pixels");
    OverlayPlanes::Pixels layout{nullptr, meta->stride[0], static_cast<int>(meta->width), static_cast<int>(meta->height)};
    if (meta->format == GST_VIDEO_FORMAT_ARGB) {
      layout.a = 0, layout.r = 1, layout.g = 2, layout.b = 3;
    } else if (meta->format != GST_VIDEO_FORMAT_BGRA) {
      throw std::runtime_error(std::string("unexpected overlay pixel format ") + gst_video_format_to_string(meta->format));
    }
    GstMapInfo map;
    if (!gst_buffer_map(pixels, &map, GST_MAP_READ)) throw std::runtime_error("cannot map an overlay rectangle");
    try {
      const std::size_t needed = meta->offset[0] + static_cast<std::size_t>(layout.stride) * (meta->height - 1) +
                                 4 * static_cast<std::size_t>(meta->width);
      if (meta->height == 0 || layout.stride <= 0 || map.size < needed)
        throw std::runtime_error("an overlay rectangle's pixels are smaller than its size says");
      layout.data = map.data + meta->offset[0];
      overlays.emplace_back(layout, x, y, frame, gst_video_overlay_rectangle_get_global_alpha(rect));
    } catch (...) {
      gst_buffer_unmap(pixels, &map);
      throw;
    }
    gst_buffer_unmap(pixels, &map);
  }
  composition_seqnum = seqnum;
}

}  // namespace
}  // namespace reelflow::compositor

// The GObject type, outside any namespace: G_DEFINE_TYPE's functions are C-style.
extern "C" {
struct ReelflowCaptionBlend {
  GstBaseTransform parent;
  reelflow::compositor::BlendState* state;
};
struct ReelflowCaptionBlendClass {
  GstBaseTransformClass parent_class;
};
}

G_DEFINE_TYPE(ReelflowCaptionBlend, reelflow_caption_blend, GST_TYPE_BASE_TRANSFORM)

namespace {

// Upstream may attach the captions as a meta (what we ask for) or send plain frames.
GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE(
    "sink", GST_PAD_SINK, GST_PAD_ALWAYS,
    GST_STATIC_CAPS("video/x-raw(" GST_CAPS_FEATURE_MEMORY_SYSTEM_MEMORY ", " REELFLOW_OVERLAY_FEATURE
                    "), format=(string)I420; video/x-raw, format=(string)I420"));
GstStaticPadTemplate src_template =
    GST_STATIC_PAD_TEMPLATE("src", GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS("video/x-raw, format=(string)I420"));

ReelflowCaptionBlend* self_of(GstBaseTransform* trans) { return reinterpret_cast<ReelflowCaptionBlend*>(trans); }

// Frames leave without the meta feature; toward upstream both forms are offered, the
// meta first, which is what makes textoverlay attach instead of blending.
GstCaps* transform_caps(GstBaseTransform*, GstPadDirection direction, GstCaps* caps, GstCaps* filter) {
  GstCaps* result = gst_caps_new_empty();
  for (guint i = 0; i < gst_caps_get_size(caps); ++i) {
    const GstStructure* s = gst_caps_get_structure(caps, i);
    GstCapsFeatures* f = gst_caps_get_features(caps, i);
    if (f && gst_caps_features_is_any(f)) {
      result = gst_caps_merge_structure_full(result, gst_structure_copy(s), gst_caps_features_copy(f));
      continue;
    }
    GstCapsFeatures* features = f ? gst_caps_features_copy(f)
                                  : gst_caps_features_new_single(GST_CAPS_FEATURE_MEMORY_SYSTEM_MEMORY);
    if (direction == GST_PAD_SRC) {
      GstCapsFeatures* plain = gst_caps_features_copy(features);
      gst_caps_features_remove(plain, REELFLOW_OVERLAY_FEATURE);
      if (!gst_caps_features_contains(features, REELFLOW_OVERLAY_FEATURE))
        gst_caps_features_add(features, REELFLOW_OVERLAY_FEATURE);
      result = gst_caps_merge_structure_full(result, gst_structure_copy(s), features);
      result = gst_caps_merge_structure_full(result, gst_structure_copy(s), plain);
    } else {
      gst_caps_features_remove(features, REELFLOW_OVERLAY_FEATURE);
      result = gst_caps_merge_structure_full(result, gst_structure_copy(s), features);
    }
  }
  if (filter) {
    GstCaps* filtered = gst_caps_intersect_full(filter, result, GST_CAPS_INTERSECT_FIRST);
    gst_caps_unref(result);
    result = filtered;
  }
  return result;
}

gboolean propose_allocation(GstBaseTransform* trans, GstQuery* decide_query, GstQuery* query) {
  // The default forwards the query downstream or copies downstream's metas; it answers
  // FALSE in the second case, which only means "nothing more to add" here.
  GST_BASE_TRANSFORM_CLASS(reelflow_caption_blend_parent_class)->propose_allocation(trans, decide_query, query);
  if (!gst_query_find_allocation_meta(query, GST_VIDEO_OVERLAY_COMPOSITION_META_API_TYPE, nullptr))
    gst_query_add_allocation_meta(query, GST_VIDEO_OVERLAY_COMPOSITION_META_API_TYPE, nullptr);
  return TRUE;
}

gboolean set_caps(GstBaseTransform* trans, GstCaps* incaps, GstCaps*) {
  reelflow::compositor::BlendState& state = *self_of(trans)->state;
  state.composition_seqnum = 0;  // a new frame size needs the captions prepared again
  state.overlays.clear();
  return gst_video_info_from_caps(&state.info, incaps);
}

GstFlowReturn transform_ip(GstBaseTransform* trans, GstBuffer* buffer) {
  reelflow::compositor::BlendState& state = *self_of(trans)->state;
  while (GstVideoOverlayCompositionMeta* meta = gst_buffer_get_video_overlay_composition_meta(buffer)) {
    try {
      state.prepare(meta->overlay);
      reelflow::compositor::MappedVideoFrame frame(state.info, buffer, GST_MAP_READWRITE);
      reelflow::compositor::I420View view = frame.view();
      for (const auto& overlay : state.overlays) overlay.blend_into(view);
    } catch (const std::exception& e) {
      GST_ELEMENT_ERROR(trans, STREAM, FAILED, ("blending the captions failed"), ("%s", e.what()));
      return GST_FLOW_ERROR;
    }
    gst_buffer_remove_meta(buffer, &meta->meta);
  }
  return GST_FLOW_OK;
}

void finalize(GObject* object) {
  delete reinterpret_cast<ReelflowCaptionBlend*>(object)->state;
  G_OBJECT_CLASS(reelflow_caption_blend_parent_class)->finalize(object);
}

}  // namespace

static void reelflow_caption_blend_class_init(ReelflowCaptionBlendClass* klass) {
  G_OBJECT_CLASS(klass)->finalize = finalize;
  GstElementClass* element_class = GST_ELEMENT_CLASS(klass);
  gst_element_class_set_static_metadata(element_class, "reelflow caption blend", "Filter/Effect/Video",
                                        "Blends the overlay composition textoverlay attaches into I420 frames",
                                        "reelflow");
  gst_element_class_add_static_pad_template(element_class, &sink_template);
  gst_element_class_add_static_pad_template(element_class, &src_template);
  GstBaseTransformClass* transform_class = GST_BASE_TRANSFORM_CLASS(klass);
  transform_class->transform_caps = transform_caps;
  transform_class->propose_allocation = propose_allocation;
  transform_class->set_caps = set_caps;
  transform_class->transform_ip = transform_ip;
  transform_class->passthrough_on_same_caps = FALSE;
  transform_class->transform_ip_on_passthrough = FALSE;
}

static void reelflow_caption_blend_init(ReelflowCaptionBlend* self) {
  self->state = new reelflow::compositor::BlendState();
  gst_base_transform_set_in_place(GST_BASE_TRANSFORM(self), TRUE);
}

namespace reelflow::compositor {

gst::ElementPtr make_caption_blend(const std::string& name) {
  return gst::adopt_floating(
      GST_ELEMENT(g_object_new(reelflow_caption_blend_get_type(), "name", name.c_str(), nullptr)));
}

void link_burnt_in_captions(GstElement* bin, GstElement* source, GstElement* overlay, GstElement* next) {
  gst::ElementPtr blend = make_caption_blend("caption-blend");
  add_elements(bin, {blend.get()});
  // By name: the overlay also has a text_sink, and an appsrc has no caps yet.
  link_pads(source, "src", overlay, "video_sink");
  link_chain({overlay, blend.get(), next});
}

}  // namespace reelflow::compositor
