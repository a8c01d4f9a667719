#pragma once
// Scene pictures prepared just in time instead of all up front: the pictures the
// current frame shows, plus the next scene's, prepared on a worker thread while these
// render so drawing does not wait for a decode. A picture is freed once its scene (and
// its outgoing crossfade) is over, so at most three are alive (two on screen during a
// crossfade, one being prepared), whatever the number of scenes.
#include "clip_player.hpp"
#include "i420_image.hpp"

#include <atomic>
#include <cstddef>
#include <functional>
#include <future>
#include <map>
#include <memory>

namespace reelflow::compositor {

// What a scene shows: a still (drawn through its Ken Burns view) or a clip (whose
// frames are drawn as they come, already at the frame size).
struct ScenePicture {
  I420Image still;
  std::shared_ptr<ClipPlayer> clip;

  ScenePicture() = default;
  ScenePicture(I420Image image) : still(std::move(image)) {}  // implicit: a still is a picture
  explicit ScenePicture(std::shared_ptr<ClipPlayer> player) : clip(std::move(player)) {}
};

class PictureLookahead {
 public:
  // Prepares scene i's picture (a clip: starts its decoder and waits for its first
  // frame); may throw, and runs on a worker thread.
  using Loader = std::function<ScenePicture(std::size_t scene)>;
  // How many scenes past the last one on screen are prepared ahead.
  static constexpr std::size_t kScenesAhead = 1;

  PictureLookahead(std::size_t scene_count, Loader load);
  // Waits for a preparation still running (it cannot be interrupted).
  ~PictureLookahead();
  PictureLookahead(const PictureLookahead&) = delete;
  PictureLookahead& operator=(const PictureLookahead&) = delete;

  // Makes scenes first..last ready (waiting for them if need be; rethrows a failed
  // preparation), frees the pictures of scenes before `first` and starts preparing the
  // ones after `last`. Made for time moving forward; going back prepares again.
  void show(std::size_t first, std::size_t last);
  // Starts preparing a scene's picture now, without waiting; a later show() collects it.
  void prefetch(std::size_t scene) { start(scene); }
  // A picture made ready by the last show().
  const ScenePicture& picture(std::size_t scene) const;

  // Pictures prepared or being prepared right now, and the most there ever were: the
  // memory bound, for tests.
  std::size_t alive() const { return slots_.size(); }
  std::size_t peak_alive() const { return peak_alive_; }
  // Preparations started so far (each scene once when time only moves forward).
  std::size_t prepared() const { return prepared_; }

 private:
  struct Slot {
    std::future<ScenePicture> pending;  // valid until the picture has been collected
    ScenePicture picture;
  };

  void start(std::size_t scene);

  std::size_t scene_count_;
  Loader load_;
  std::map<std::size_t, Slot> slots_;
  std::size_t peak_alive_ = 0;
  std::size_t prepared_ = 0;
};

}  // namespace reelflow::compositor
