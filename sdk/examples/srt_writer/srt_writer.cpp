// srt_writer: writes a scene list's captions as an SRT subtitle file.
// An example of a stage built outside the reelflow tree against the SDK alone.
#include <reelflow/reelflow.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>

namespace {

using namespace reelflow;

std::string srt_time(double seconds) {
  const auto ms = static_cast<long long>(std::llround(seconds * 1000.0));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld,%03lld", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
  return buf;
}

class SrtWriter final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Writes scene captions as SRT subtitles, timed by the scenes' target durations");
    spec.input("scenes", types::scenes, "scenes with captions and durations");
    spec.output("subtitles", types::file, "the .srt file");
    spec.param("name", "captions.srt", "file name in the output directory");
    spec.param("use_narration", false, "subtitle the full narration instead of the short caption");
    spec.trust("name", ParamTrust::Path);  // SDK 1.4: a job's variable reaches it only as a safe file name
  }

  Status process(StageContext& ctx) override {
    const auto& scenes = ctx.input_as<SceneList>("scenes").scenes;
    if (scenes.empty()) return Status::error("no scenes to subtitle");
    AtomicFile out(ctx.output_dir() / ctx.params().str("name"));
    {
      std::ofstream srt(out.temp_path());
      double t = 0.0;
      int n = 0;
      for (const auto& scene : scenes) {
        const double end = t + scene.target_duration_s;
        const auto& text = ctx.params().flag("use_narration") ? scene.narration : scene.caption;
        srt << ++n << "\n" << srt_time(t) << " --> " << srt_time(end) << "\n" << text << "\n\n";
        t = end;
        ctx.progress(static_cast<double>(n) / scenes.size());
      }
      if (!srt) return Status::error("cannot write " + out.temp_path().string());
    }
    out.commit();
    ctx.set_output("subtitles", FileRef{out.destination(), "application/x-subrip"});
    return Status::ok();
  }
};

}  // namespace

REELFLOW_PLUGIN("srt_writer", "1.0.0", "Example third-party plugin: SRT subtitles from scenes") {
  registrar.add<SrtWriter>("srt_writer");
}
