#pragma once
// How one run of a graph is carried out, and what came of it.
#include <reelflow/value.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

typedef struct _GstElement GstElement;

namespace reelflow::framework {

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
  std::vector<StreamTap> stream_taps;
};

enum class StageState { Pending, Running, Succeeded, Failed, Cancelled, Skipped };
const char* stage_state_name(StageState state);

struct StageOutcome {
  std::string id;
  std::string type;
  StageState state = StageState::Pending;
  std::string error;
  double started_s = 0.0;  // since the run started
  double duration_s = 0.0;
  int attempts = 0;      // 0 when restored from the cache
  bool cached = false;   // succeeded by restoring its outputs from the stage cache
};

enum class RunOutcome { Succeeded, Failed, Cancelled };

struct RunResult {
  std::string run_id;
  RunOutcome outcome = RunOutcome::Succeeded;
  std::string error;  // the first failure: "stage 'x' (type): cause"
  std::vector<StageOutcome> stages;
  std::map<std::string, Value> outputs;  // "stage.port" → value
  double duration_s = 0.0;

  std::size_t cached_stages() const {
    std::size_t n = 0;
    for (const auto& s : stages) n += s.cached;
    return n;
  }
  // 0 success, 1 runtime failure, 130 cancelled (the CLI's exit codes).
  int exit_code() const { return outcome == RunOutcome::Succeeded ? 0 : outcome == RunOutcome::Cancelled ? 130 : 1; }
};

std::filesystem::path default_cache_dir();

}  // namespace reelflow::framework
