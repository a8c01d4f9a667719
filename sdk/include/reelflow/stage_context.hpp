#pragma once
// What the runtime gives a running stage: its parameters and inputs, a place to
// put outputs, logging, progress, cancellation, directories, HTTP, and a
// GStreamer pipeline runner that owns bus handling and error reporting.
#include <reelflow/http.hpp>
#include <reelflow/param.hpp>
#include <reelflow/scene_redo.hpp>
#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

typedef struct _GstElement GstElement;

namespace reelflow {

enum class LogLevel { Trace, Debug, Info, Warn, Error };

class StageContext {
 public:
  // The stage's id in the graph. A stage of a sub-graph has its path, "vertical/video"
  // (docs/graph-format.md, "Sub-graphs"): an id is not a file name.
  virtual const std::string& stage_id() const = 0;
  virtual const std::string& stage_type() const = 0;
  virtual const ParamSet& params() const = 0;

  // The value on an input port, or nullptr when an optional input is unconnected.
  virtual const Value* input(std::string_view port) const = 0;
  // Sets an output port's value; the stages it feeds may start once all their
  // inputs are set. Thread-safe (a stream stage may call it from a streaming thread).
  virtual void set_output(std::string_view port, Value value) = 0;
  // Since SDK 2.0: reports a value as it is found (a `stage_output` event, e.g. one
  // shot cut with its time) without setting the port. Thread-safe, never blocks:
  // the runtime queues it and delivers it on its own thread.
  virtual void emit(std::string_view port, Value value) = 0;

  virtual void log(LogLevel level, std::string_view message) = 0;
  // fraction in [0, 1]; the message is shown beside the stage's progress bar.
  virtual void progress(double fraction, std::string_view message = {}) = 0;
  virtual bool cancelled() const = 0;

  // Private scratch space for this stage in this run; may be removed after the run.
  virtual const std::filesystem::path& work_dir() const = 0;
  // Where the run's results go (final files, written atomically).
  virtual const std::filesystem::path& output_dir() const = 0;
  // Persistent across runs, for downloads and other reusable results.
  virtual const std::filesystem::path& cache_dir() const = 0;

  virtual HttpClient& http() = 0;

  // Plays `pipeline` (which the caller still owns) to EOS. Watches the bus, turns
  // errors into a Status naming the element and its debug string, reports
  // progress from the stream position against expected_duration_s (if > 0), and
  // stops the pipeline (state NULL) on cancellation or error.
  virtual Status run_pipeline(GstElement* pipeline, double expected_duration_s) = 0;

  // Since SDK 1.3: the retry policy this stage's HTTP requests get by default.
  // To change one field (say max_attempts from a param), copy it, change the
  // field and set the copy on the request, so the backoff the runtime chose stays.
  virtual RetryPolicy retry_policy() const = 0;

  // Since SDK 2.0, stream stages: whether the stream port `port` is linked to
  // something in this run (an optional stream input may be left unconnected,
  // and a muxer must not wait for data on it).
  virtual bool stream_connected(std::string_view port) const = 0;

  // Since SDK 2.1, stages that declared StageSpec::redoes_scenes(): the scenes this
  // run makes again (empty: none), and this stage's output from its stage cache
  // entry for the same params and inputs without a redo (nullptr: none), so the
  // scenes not redone are kept exactly as they were.
  virtual const SceneRedo& redo() const = 0;
  virtual const Value* previous_output(std::string_view port) const = 0;

  // Typed access to a connected input; throws std::invalid_argument naming the port otherwise.
  template <class T> const T& input_as(std::string_view port) const {
    const Value* v = input(port);
    if (!v) throw std::invalid_argument("input '" + std::string(port) + "' is not connected");
    if (const T* typed = std::get_if<T>(v)) return *typed;
    if constexpr (std::is_same_v<T, Record>)
      throw std::invalid_argument("input '" + std::string(port) + "' does not carry a plugin type's value");
    else
      throw std::invalid_argument("input '" + std::string(port) + "' does not carry " + std::string(ValueTypeOf<T>::name));
  }

 protected:
  ~StageContext() = default;
};

}  // namespace reelflow
