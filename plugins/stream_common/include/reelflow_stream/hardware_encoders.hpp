#pragma once
// Hardware H.264/H.265 encoders GStreamer may have, best first, and how to open one.
#include <reelflow/gst_ptr.hpp>

#include <string>
#include <vector>

namespace reelflow::encode {

// The factories of the list that the registry has (it may not open: see open_hardware_encoder).
std::vector<std::string> installed_hardware_encoders(bool h265);
// "nvh264enc, vah264enc, ..." for messages.
std::string hardware_encoder_names(bool h265);

// The first installed hardware encoder that reaches READY (its device opens),
// left in NULL and owned by the caller; null when none does.
gst::ElementPtr open_hardware_encoder(bool h265);

// Sets an integer property only when the element has it (hardware encoders name
// the same setting differently); true when set.
bool set_if_present(GstElement* element, const char* property, long long value);

}  // namespace reelflow::encode
