#include "stream/segment_bus.hpp"

#include "run/gst_error_text.hpp"

#include <algorithm>

namespace reelflow::framework {
namespace {

BusError bus_error(GstMessage* message) {
  return {gst::ObjectPtr<GstObject>(GST_OBJECT(gst_object_ref(GST_MESSAGE_SRC(message)))), gst_error_text(message)};
}

}  // namespace

SegmentEnd SegmentBus::play(const std::function<void()>& tick) {
  SegmentEnd end;
  gst::BusPtr bus(gst_element_get_bus(pipeline_));
  if (gst_element_set_state(pipeline_, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    gst::MessagePtr msg(gst_bus_pop_filtered(bus.get(), GST_MESSAGE_ERROR));
    if (msg) end.error = bus_error(msg.get());
    else end.error = BusError{gst::ObjectPtr<GstObject>(GST_OBJECT(gst_object_ref(pipeline_))),
                              "the segment could not start (state change to PLAYING failed)"};
    return end;
  }
  const auto mask = static_cast<GstMessageType>(GST_MESSAGE_ERROR | GST_MESSAGE_EOS);
  auto next_tick = Clock::now() + kTick;
  std::optional<Clock::time_point> give_up;  // set once EOS was sent to end early
  // The bus wakes this loop on every message; the wait is bounded so the stop flag
  // (an atomic the scheduler sets) is seen within 100 ms.
  constexpr auto kStopCheck = std::chrono::milliseconds(100);
  while (true) {
    const auto now = Clock::now();
    auto wait = std::min<Clock::duration>(kStopCheck, std::max<Clock::duration>(next_tick - now, Clock::duration::zero()));
    gst::MessagePtr msg(gst_bus_timed_pop_filtered(
        bus.get(), static_cast<GstClockTime>(std::chrono::duration_cast<std::chrono::nanoseconds>(wait).count()), mask));
    if (msg) {
      if (GST_MESSAGE_TYPE(msg.get()) == GST_MESSAGE_EOS) return end;
      end.error = bus_error(msg.get());
      return end;
    }
    if (!give_up) {
      const bool stop = stop_.load();
      const bool late = deadline_ && Clock::now() >= *deadline_;
      if (stop || late) {
        end.stopped = stop;
        end.timed_out = !stop && late;
        gst_element_send_event(pipeline_, gst_event_new_eos());
        give_up = Clock::now() + kEosGrace;
      }
    } else if (Clock::now() >= *give_up) {
      return end;  // EOS did not come through in time: the caller drops to NULL
    }
    if (Clock::now() >= next_tick) {
      tick();
      next_tick += kTick;
    }
  }
}

}  // namespace reelflow::framework
