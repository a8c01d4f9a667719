#include <reelflow_stream/hardware_encoders.hpp>

#include <array>

namespace reelflow::encode {
namespace {

constexpr std::array kH264 = {"nvh264enc", "nvcudah264enc", "vah264enc", "vaapih264enc", "qsvh264enc", "v4l2h264enc"};
constexpr std::array kH265 = {"nvh265enc", "nvcudah265enc", "vah265enc", "vaapih265enc", "qsvh265enc", "v4l2h265enc"};

const auto& names(bool h265) { return h265 ? kH265 : kH264; }

}  // namespace

std::vector<std::string> installed_hardware_encoders(bool h265) {
  gst_init_check(nullptr, nullptr, nullptr);  // idempotent: check hooks may run before the runtime's
  std::vector<std::string> found;
  for (const char* name : names(h265))
    if (gst::ObjectPtr<GstElementFactory> factory(gst_element_factory_find(name)); factory) found.emplace_back(name);
  return found;
}

std::string hardware_encoder_names(bool h265) {
  std::string out;
  for (const char* name : names(h265)) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

gst::ElementPtr open_hardware_encoder(bool h265) {
  for (const auto& name : installed_hardware_encoders(h265)) {
    auto element = gst::adopt_floating(gst_element_factory_make(name.c_str(), nullptr));
    if (!element) continue;
    // A registered encoder whose device is busy or gone fails here, not mid-stream.
    const bool opens = gst_element_set_state(element.get(), GST_STATE_READY) != GST_STATE_CHANGE_FAILURE;
    gst_element_set_state(element.get(), GST_STATE_NULL);
    if (opens) return element;
  }
  return nullptr;
}

bool set_if_present(GstElement* element, const char* property, long long value) {
  GParamSpec* spec = g_object_class_find_property(G_OBJECT_GET_CLASS(element), property);
  if (!spec) return false;
  GValue from = G_VALUE_INIT;
  GValue to = G_VALUE_INIT;
  g_value_init(&from, G_TYPE_INT64);
  g_value_set_int64(&from, value);
  g_value_init(&to, spec->value_type);
  const bool converted = g_value_transform(&from, &to);
  if (converted) g_object_set_property(G_OBJECT(element), property, &to);
  g_value_unset(&from);
  g_value_unset(&to);
  return converted;
}

}  // namespace reelflow::encode
