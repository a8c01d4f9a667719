#include "graph/value_paths.hpp"

namespace reelflow::framework {
namespace {

using Visit = std::function<void(std::string&, PathSlot)>;

void visit_path(std::filesystem::path& path, const Visit& visit) {
  std::string text = path.string();
  visit(text, PathSlot::Field);
  path = text;
}

void visit_value(Text& v, const Visit& visit) { visit(v.text, PathSlot::Text); }
void visit_value(Script&, const Visit&) {}
void visit_value(SceneList& v, const Visit& visit) {
  for (auto& s : v.scenes)
    if (!s.thumbnail.empty()) visit_path(s.thumbnail, visit);
}
void visit_value(AudioTrack& v, const Visit& visit) {
  for (auto& c : v.clips) visit_path(c.path, visit);
}
void visit_value(ImageSet& v, const Visit& visit) {
  for (auto& p : v.images) visit_path(p, visit);
}
void visit_value(VideoFile& v, const Visit& visit) { visit_path(v.path, visit); }
void visit_value(FileRef& v, const Visit& visit) { visit_path(v.path, visit); }
void visit_value(Record&, const Visit&) {}  // a plugin type's JSON: the runtime does not look for paths in it

}  // namespace

void for_each_path(Value& value, const std::function<void(std::string& path, PathSlot slot)>& visit) {
  std::visit([&](auto& v) { visit_value(v, visit); }, value);
}

}  // namespace reelflow::framework
