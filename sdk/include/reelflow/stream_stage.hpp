#pragma once
// A stream stage (SDK 2.0): to the runtime what an element is to GStreamer. It
// declares stream ports with caps in setup() (StageSpec::stream_input/output),
// and build() fills a GstBin with its elements and one ghost pad per stream port,
// named after the port. The runtime owns everything else: it fuses connected
// stream stages into one GstPipeline per segment, links the bins with a queue
// per edge (a tee where one output feeds several inputs), checks caps before
// anything plays, runs the bus, attributes errors to the stage whose bin holds
// the element, reports stage_stats, and ends the segment on EOS or cancel. A
// stream stage never sees the pipeline (docs/architecture.md, "Streams").
//
//   class Watermark final : public StreamStage {
//    public:
//     static void setup(StageSpec& spec) {
//       spec.stream_input("in", "video/x-raw", "frames to mark");
//       spec.stream_output("out", "video/x-raw", "the marked frames");
//     }
//     Status build(StageContext& ctx, GstElement* bin) override { ... add elements, ghost pads "in" and "out" ... }
//   };
#include <reelflow/stage.hpp>

typedef struct _GstElement GstElement;

namespace reelflow {

class StreamStage : public Stage {
 public:
  // Adds the stage's elements to `bin` (a GstBin the runtime owns) and a ghost
  // pad for each stream port, named after the port. Value inputs are ready
  // (context.input()); a value output may be set now, while the stream plays
  // (context.set_output / emit, from any thread), or in finish().
  virtual Status build(StageContext& context, GstElement* bin) = 0;

  // After every sink of the segment reached EOS (not after an error or cancel):
  // the last chance to set value outputs (a scene list, a file's final path).
  virtual Status finish(StageContext& context) {
    (void)context;
    return Status::ok();
  }

  Status process(StageContext&) final { return Status::error("a stream stage runs inside its segment's pipeline"); }
  StreamStage* as_stream() final { return this; }
};

}  // namespace reelflow
