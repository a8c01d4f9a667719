#include "plugins/stage_registry.hpp"

#include <algorithm>

namespace reelflow::framework {
namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

StageRegistry::StageRegistry() {
  const std::map<std::string_view, const char*> docs = {
      {types::text, "plain text"},
      {types::script, "a script: title, hook and scenes with narration, caption and visual"},
      {types::scenes, "a scene list: narration, caption, visual and timing per scene"},
      {types::audio, "audio clips (one per scene or a whole track) with word timings"},
      {types::image, "image files (one per scene, or one)"},
      {types::video, "a video file with its duration, size and frame rate"},
      {types::file, "any file"}};
  for (std::string_view name : kBuiltinValueTypes) add_value_type({std::string(name), docs.at(name), "", nullptr, nullptr});
}

bool StageRegistry::add_value_type(ValueType type) {
  const std::string name = type.name;
  return value_types_.emplace(name, std::move(type)).second;
}

const ValueType* StageRegistry::find_value_type(std::string_view name) const {
  auto it = value_types_.find(name);
  return it == value_types_.end() ? nullptr : &it->second;
}

std::vector<const ValueType*> StageRegistry::value_types() const {
  std::vector<const ValueType*> out;
  for (const auto& [_, t] : value_types_) out.push_back(&t);
  return out;
}

bool StageRegistry::add(StageType type) {
  const std::string name = type.name;
  return types_.emplace(name, std::move(type)).second;
}

const StageType* StageRegistry::find(const std::string& name) const {
  auto it = types_.find(name);
  return it == types_.end() ? nullptr : &it->second;
}

std::vector<const StageType*> StageRegistry::all() const {
  std::vector<const StageType*> out;
  for (const auto& [_, t] : types_) out.push_back(&t);
  return out;
}

std::string StageRegistry::closest(const std::string& name) const {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, name.size() / 3) + 1;
  for (const auto& [candidate, _] : types_) {
    const auto d = edit_distance(name, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace reelflow::framework
