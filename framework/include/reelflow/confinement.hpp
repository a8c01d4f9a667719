#pragma once
// A confined run (Runtime::start_confined): the graph runs in a child process
// that can crash without taking the caller down, sees only the files, network
// and environment variables the graph needs, and runs under resource limits.
// docs/security.md, "Job confinement", says what the child can and cannot do.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace reelflow {

struct Confinement {
  // The program the child runs: reelflow-sandbox-child (libreelflow only: it
  // starts faster), or the CLI, whose hidden `sandbox-child` subcommand does the
  // same. Empty: the reelflow-sandbox-child of libreelflow's build tree, or
  // <prefix>/libexec/reelflow-sandbox-child of its installation.
  std::filesystem::path child_program;

  // Resource limits of the child (setrlimit); 0 keeps the caller's limit.
  std::uint64_t max_memory_bytes = 16ull << 30;  // address space; not applied in sanitizer builds
  std::uint64_t max_cpu_seconds = 6 * 3600;      // SIGXCPU, then SIGKILL 5 s later
  std::uint64_t max_file_bytes = 64ull << 30;    // largest file the child may write (SIGXFSZ)
  std::uint64_t max_open_files = 4096;

  // A cancelled child gets SIGTERM (it stops its stages and removes its temp
  // files), then SIGKILL when it has not ended after this long.
  std::chrono::milliseconds cancel_grace{5000};

  // Whether the child may open TCP/UDP sockets: as the graph's stages need, or
  // never (denied even when the graph would need it).
  enum class Network { AsGraphNeeds, Denied };
  Network network = Network::AsGraphNeeds;

  // A warm spare (docs/security.md, "The warm spare"): after each confined run
  // starts, the Runtime starts the next run's child ahead of time (libraries
  // loaded, GStreamer initialised), confined from birth to what every job of
  // the same program, cache dir and plugins may use; the next run that fits
  // takes it, and it narrows itself to that run's sandbox before it reads the
  // graph. One job per process all the same. Off: every run starts its child.
  bool warm_spare = false;
  // The directory every run's output dir is beneath, which the spare may write
  // to until it narrows to its run's own output dir (the worker: <data-dir>/jobs).
  // Empty: the parent of the previous run's output dir. A run whose output dir
  // is elsewhere starts its child cold.
  std::filesystem::path spare_output_root;
};

// Why this kernel cannot confine a run (no Landlock), or nullopt when it can.
std::optional<std::string> confinement_unavailable_reason();

// The Landlock ABI version of this kernel; 0 when it has none.
int landlock_abi_version();

// The body of reelflow-sandbox-child and `reelflow sandbox-child`: reads one
// request (JSON) on stdin, runs its graph, writes one JSON event per line and
// then the result on stdout. When stdin is a socket, it is a warm spare
// (Confinement::warm_spare): it initialises GStreamer, waits for its request on
// the socket and narrows its sandbox to the request's before it runs the graph.
// SIGTERM or SIGINT cancels the run. Returns the exit code (0, 1, 2 or 130).
// Call it from the main thread before any other thread exists.
int run_confined_child();

}  // namespace reelflow
