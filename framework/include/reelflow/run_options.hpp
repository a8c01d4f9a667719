#pragma once
// How one run of a graph is carried out.
#include <reelflow/bus_message.hpp>
#include <reelflow/scene_redo.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

typedef struct _GstElement GstElement;

namespace reelflow {

// An embedding host's own GStreamer element on a stream port (docs/embedding.md):
// an appsink (any element with a "sink" pad) on a stream output gets that port's
// buffers, as one more branch of its tee; an appsrc (a "src" pad) on a stream
// input nothing in the graph feeds is that input's source. The host keeps its
// reference; the run adds one of its own while the segment plays.
struct StreamTap {
  std::string stage;
  std::string port;
  GstElement* element = nullptr;
};

struct RunOptions {
  std::filesystem::path output_dir = "out";
  std::filesystem::path cache_dir;  // empty: $XDG_CACHE_HOME/reelflow or ~/.cache/reelflow
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  bool keep_work = false;  // keep <output_dir>/.reelflow-work/<run> after the run
  // Read and write the stage cache (<cache_dir>/stages): a stage whose type,
  // params and inputs match an earlier successful run is restored, not re-run.
  bool use_cache = true;
  // After the run, least recently used entries are removed until the stage cache
  // holds at most this many bytes (0: no limit; `reelflow cache trim` does it by hand).
  std::uintmax_t cache_max_bytes = 0;
  // Scenes to make again (`--redo scene=3`): the stages that redo scenes (tts,
  // image_source) remake only these, keeping the others from their stage cache
  // entry; the stages downstream re-run as their inputs changed, the rest is cached.
  SceneRedo redo;
  std::vector<StreamTap> stream_taps;
  // Each bus message of the pipelines that stages play through
  // StageContext::run_pipeline (gst_launch, compositor, ...). Not for confined runs.
  BusMessageCallback bus_messages;
};

}  // namespace reelflow
