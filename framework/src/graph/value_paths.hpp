#pragma once
// The places in a Value that name files: AudioClip.path, ImageSet images,
// VideoFile.path, FileRef.path, Scene.thumbnail, and a Text that is an
// absolute path (the uploader's `location` of a locally published file).
// The stage cache rewrites them to hash and to store values.
#include <reelflow/value.hpp>

#include <functional>
#include <string>

namespace reelflow::framework {

enum class PathSlot {
  Field,  // a field declared as a path: always names a file when set
  Text,   // a Text value: names a file only when it is an absolute path to one
};

// Calls `visit` with each path-like string of `value`, which it may change.
void for_each_path(Value& value, const std::function<void(std::string& path, PathSlot slot)>& visit);

}  // namespace reelflow::framework
