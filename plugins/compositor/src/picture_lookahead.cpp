#include "picture_lookahead.hpp"

#include <algorithm>
#include <stdexcept>

namespace reelflow::compositor {

PictureLookahead::PictureLookahead(std::size_t scene_count, Loader load)
    : scene_count_(scene_count), load_(std::move(load)) {}

PictureLookahead::~PictureLookahead() {
  // A failed preparation nobody asked for is not an error; just let it finish.
  for (auto& [scene, slot] : slots_)
    if (slot.pending.valid()) slot.pending.wait();
}

void PictureLookahead::start(std::size_t scene) {
  if (scene >= scene_count_ || slots_.count(scene)) return;
  // std::async(launch::async): its own thread, joined by the future, so nothing outlives us.
  slots_[scene].pending = std::async(std::launch::async, load_, scene);
  ++prepared_;
  peak_alive_ = std::max(peak_alive_, slots_.size());
}

void PictureLookahead::show(std::size_t first, std::size_t last) {
  if (last < first || last >= scene_count_) throw std::out_of_range("PictureLookahead: no such scenes");
  // Free first, so the bound holds while the next ones are prepared.
  for (auto it = slots_.begin(); it != slots_.end() && it->first < first;) {
    if (it->second.pending.valid()) it->second.pending.wait();
    it = slots_.erase(it);
  }
  for (std::size_t scene = first; scene <= last; ++scene) start(scene);
  for (std::size_t ahead = 1; ahead <= kScenesAhead; ++ahead) start(last + ahead);
  for (std::size_t scene = first; scene <= last; ++scene) {
    Slot& slot = slots_.at(scene);
    if (!slot.pending.valid()) continue;
    try {
      slot.picture = slot.pending.get();  // waits if it is still being prepared
    } catch (...) {
      slots_.erase(scene);  // asked again, it is prepared (and fails) again
      throw;
    }
  }
}

const ScenePicture& PictureLookahead::picture(std::size_t scene) const {
  auto it = slots_.find(scene);
  if (it == slots_.end() || it->second.pending.valid())
    throw std::logic_error("PictureLookahead: picture " + std::to_string(scene) + " is not shown");
  return it->second.picture;
}

}  // namespace reelflow::compositor
