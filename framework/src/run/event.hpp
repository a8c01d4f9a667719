#pragma once
// Events are public (reelflow/events.hpp); the framework names them too.
#include <reelflow/events.hpp>

namespace reelflow::framework {
using reelflow::Event;
using reelflow::event_from_json;
using reelflow::event_kind_name;
using reelflow::event_to_json;
using reelflow::EventCallback;
using reelflow::EventKind;
using reelflow::StreamStats;
}  // namespace reelflow::framework
