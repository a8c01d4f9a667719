#include "loudness_stage.hpp"

#include "loudness_report.hpp"

#include <reelflow_stream/bin_builder.hpp>

#include <cmath>
#include <limits>

namespace reelflow::loudness {
namespace {

constexpr const char* kFloatCaps = "audio/x-raw,format=F32LE,layout=interleaved";

// A CAPS event (re)starts the meter; a buffer feeds it. The seconds of audio fed.
double feed(Meter& meter, GstPadProbeInfo* info) {
  if (info->type & GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM) {
    GstEvent* event = GST_PAD_PROBE_INFO_EVENT(info);
    if (GST_EVENT_TYPE(event) != GST_EVENT_CAPS) return 0;
    GstCaps* caps = nullptr;
    gst_event_parse_caps(event, &caps);
    const GstStructure* s = gst_caps_get_structure(caps, 0);
    int channels = 0, rate = 0;
    if (gst_structure_get_int(s, "channels", &channels) && gst_structure_get_int(s, "rate", &rate))
      meter.configure(static_cast<unsigned>(channels), static_cast<unsigned long>(rate));
    return 0;
  }
  GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
  GstMapInfo map;
  if (!buffer || !gst_buffer_map(buffer, &map, GST_MAP_READ)) return 0;
  const double seconds = meter.add(reinterpret_cast<const float*>(map.data), map.size / sizeof(float));
  gst_buffer_unmap(buffer, &map);
  return seconds;
}

constexpr auto kProbeTypes = static_cast<GstPadProbeType>(GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM);

void probe(GstElement* element, GstPadProbeCallback callback, gpointer self) {
  gst::PadPtr pad(gst_element_get_static_pad(element, "src"));
  gst_pad_add_probe(pad.get(), kProbeTypes, callback, self, nullptr);
}

}  // namespace

void Loudness::setup(StageSpec& spec) {
  spec.describe("Measures EBU R128 loudness (integrated, range, true peak); can normalise toward a target");
  spec.stream_input("in", "audio/x-raw", "the sound");
  spec.stream_output("out", "audio/x-raw", "the same sound as 32-bit float (normalize: with its gain)");
  spec.output("report", kReportType, "the output's integrated loudness, loudness range and true peak, at EOS");
  spec.output("levels", kLevelsType, "emitted every emit_every_s of stream: momentary and short-term loudness")
      .optional();
  spec.param("mode", "measure", "measure: pass the sound unchanged; normalize: adapt a gain toward target_lufs")
      .one_of({"measure", "normalize"});
  spec.param("target_lufs", -16.0, "normalize: the loudness to reach (EBU R128 broadcast: -23, streaming: -14 to -16)")
      .range(-70, 0);
  spec.param("ceiling_dbtp", -1.0, "normalize: the output's true peak stays at or under this").range(-20, 0);
  spec.param("max_gain_db", 20.0, "normalize: the largest boost or cut").range(0, 20);
  spec.param("attack_s", 1.0, "normalize: time constant of the gain going down").range(0.05, 60);
  spec.param("release_s", 3.0, "normalize: time constant of the gain going up").range(0.05, 60);
  spec.param("emit_every_s", 1.0, "seconds of stream between emitted levels; 0: none").range(0, 3600);
}

void Loudness::stream_caps(const ParamSet&, StreamCaps& caps) { caps.set("out", kFloatCaps); }

void Loudness::check(const CheckContext& context, CheckReport& report) {
  const auto& p = context.params();
  if (p.str("mode") == "normalize" && p.number("target_lufs") > p.number("ceiling_dbtp"))
    report.error("target_lufs", "is above ceiling_dbtp: a sound that loud would need peaks over the ceiling",
                 "a target below the ceiling");
}

Status Loudness::build(StageContext& context, GstElement* bin) {
  context_ = &context;
  const auto& p = context.params();
  emit_every_s_ = p.number("emit_every_s");
  next_emit_s_ = emit_every_s_;
  stream::BinBuilder b(bin);
  GstElement* convert = b.add("audioconvert", "convert");
  GstElement* as_float = b.capsfilter("float", kFloatCaps);
  b.chain({convert, as_float});
  GstElement* last = as_float;
  if (p.str("mode") == "normalize") {
    gain_.emplace(GainLaw{p.number("target_lufs"), p.number("ceiling_dbtp"), p.number("max_gain_db"),
                          p.number("attack_s"), p.number("release_s")});
    volume_ = b.add("volume", "gain");
    b.chain({as_float, volume_});
    if (b.ok()) probe(as_float, &Loudness::on_input, this);
    last = volume_;
  }
  b.ghost(convert, "sink", "in");
  b.ghost(last, "src", "out");
  if (b.ok()) probe(last, &Loudness::on_output, this);
  return b.status();
}

// Before `volume` on the same thread: the gain set here applies to this very buffer.
GstPadProbeReturn Loudness::on_input(GstPad*, GstPadProbeInfo* info, gpointer self_ptr) {
  auto* self = static_cast<Loudness*>(self_ptr);
  const double seconds = feed(self->input_, info);
  if (seconds <= 0) return GST_PAD_PROBE_OK;
  const Levels in = self->input_.levels();
  const double gain = self->gain_->step(in.integrated_lufs, in.last_true_peak_dbtp, seconds);
  self->gain_db_.store(gain);
  g_object_set(self->volume_, "volume", std::pow(10.0, gain / 20.0), nullptr);
  return GST_PAD_PROBE_OK;
}

GstPadProbeReturn Loudness::on_output(GstPad*, GstPadProbeInfo* info, gpointer self_ptr) {
  auto* self = static_cast<Loudness*>(self_ptr);
  if (feed(self->output_, info) <= 0 || self->emit_every_s_ <= 0) return GST_PAD_PROBE_OK;
  const Levels out = self->output_.levels();
  if (out.seconds + 1e-9 >= self->next_emit_s_) {
    self->next_emit_s_ += self->emit_every_s_;
    self->context_->emit("levels", levels_record(out, self->gain_db()));  // the one allocation, every N seconds
  }
  return GST_PAD_PROBE_OK;
}

double Loudness::gain_db() const {
  return gain_ ? gain_db_.load() : std::numeric_limits<double>::quiet_NaN();
}

Status Loudness::finish(StageContext& context) {
  context.set_output("report", report_record(output_.levels(), gain_db()));
  return Status::ok();
}

}  // namespace reelflow::loudness
