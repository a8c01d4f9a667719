#pragma once
// Where the files named by `type: graph` stages (sub-graphs, "parts") come from.
// A graph loaded from a file reads them below that file's directory; a graph run
// again elsewhere (a confined child, a job's worker) gets the texts read then; a
// graph from an untrusted source gets none, so it cannot read files by name.
// docs/graph-format.md, "Sub-graphs".
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace reelflow::framework {

// Part texts by key: the path relative to the top graph's directory ("parts/render.yaml").
using GraphPartTexts = std::map<std::string, std::string>;

class GraphParts {
 public:
  // None: every `type: graph` stage is an error.
  GraphParts() = default;
  static GraphParts directory(std::filesystem::path root);
  static GraphParts texts(GraphPartTexts texts);

  bool allowed() const { return kind_ != Kind::None; }

  struct Read {
    std::optional<std::string> text;
    std::string error;  // when there is no text: why, in words ("no such file")
  };
  // The text of the part `key` (a path from part_key()).
  Read read(const std::string& key) const;

 private:
  enum class Kind { None, Directory, Texts };
  Kind kind_ = Kind::None;
  std::filesystem::path root_;
  GraphPartTexts texts_;
};

// The key of the part that `written` names, in a document whose own key is
// `including` ("" for the top graph): resolved against that document's directory.
// nullopt with `why` set when `written` is absolute, leaves that directory (`..`),
// or uses characters outside [A-Za-z0-9_.-/].
std::optional<std::string> part_key(const std::string& including, const std::string& written, std::string& why);

}  // namespace reelflow::framework
