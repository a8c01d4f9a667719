#pragma once
// A stage type's validation-time check (SDK 2.0): it sees its stage's params, the
// types connected to its inputs and the graph's variables, and reports as many
// problems as it finds, each at the line of the param it is about.
#include <reelflow/param.hpp>

#include <map>
#include <string>
#include <string_view>

namespace reelflow {

class CheckContext {
 public:
  virtual const ParamSet& params() const = 0;
  // The value type (or, for a stream input, the caps) connected to `input`; empty when unconnected.
  virtual std::string input_type(std::string_view input) const = 0;
  // The graph's variables and their values for this run.
  virtual const std::map<std::string, std::string>& variables() const = 0;

 protected:
  ~CheckContext() = default;
};

class CheckReport {
 public:
  // An error about `param`, reported at its line (empty: about the stage, at the stage's line).
  virtual void error(std::string_view param, std::string_view message, std::string_view expected = {}) = 0;

 protected:
  ~CheckReport() = default;
};

// Where a stream stage's stream_caps hook fixes the caps of its ports for its params.
class StreamCaps {
 public:
  // `caps` narrows a stream port's template, e.g.
  // "video/x-raw,format=I420,width=1080,height=1920,framerate=30/1".
  virtual void set_output(std::string_view port, std::string_view caps) = 0;
  virtual void set_input(std::string_view port, std::string_view caps) = 0;
  // The input and the output of that name (for a stage whose port names differ,
  // either one): "audio" in and "audio" out need set_input / set_output.
  void set(std::string_view port, std::string_view caps) {
    set_input(port, caps);
    set_output(port, caps);
  }

 protected:
  ~StreamCaps() = default;
};

}  // namespace reelflow
