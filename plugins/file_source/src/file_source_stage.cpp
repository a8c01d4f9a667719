// file_source: brings an existing file (a video to analyse, a music track, a
// notes file) into a graph, checking that it is there and readable first.
#include <reelflow/reelflow.hpp>

#include <fstream>

namespace {

using namespace reelflow;

std::string mime_for(const std::filesystem::path& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".mp4", "video/mp4"}, {".mov", "video/quicktime"}, {".mkv", "video/x-matroska"}, {".webm", "video/webm"},
      {".wav", "audio/wav"}, {".mp3", "audio/mpeg"},      {".ogg", "audio/ogg"},        {".flac", "audio/flac"},
      {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"},    {".png", "image/png"},        {".txt", "text/plain"},
      {".md", "text/markdown"}};
  std::string ext = path.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [e, mime] : kTypes)
    if (ext == e) return mime;
  return "application/octet-stream";
}

class FileSource final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Brings an existing file into the graph (a video to analyse, music, notes)");
    spec.output("file", types::file, "the file");
    spec.required_param("path", ParamType::String, "path of the file (relative paths: from the working directory)");
    spec.trust("path", ParamTrust::Path);
  }

  static Status check(const ParamSet& params) {
    if (params.str("path").empty()) return Status::error("'path' is empty");
    return Status::ok();
  }

  Status process(StageContext& ctx) override {
    const std::filesystem::path path = std::filesystem::absolute(ctx.params().str("path"));
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
      return Status::error("no such file: " + path.string());
    if (!std::ifstream(path, std::ios::binary)) return Status::error("cannot read " + path.string());
    ctx.set_output("file", FileRef{path, mime_for(path)});
    return Status::ok();
  }
};

}  // namespace

REELFLOW_PLUGIN("file_source", "0.1.0", "Existing files as graph inputs") {
  registrar.add<FileSource>("file_source");
}
