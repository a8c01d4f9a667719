#include "graph/graph_parts.hpp"

#include "graph/graph_loader.hpp"

#include <fstream>
#include <iterator>
#include <system_error>
#include <vector>

namespace reelflow::framework {
namespace {

bool part_path_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
         c == '-' || c == '/';
}

}  // namespace

GraphParts GraphParts::directory(std::filesystem::path root) {
  GraphParts parts;
  parts.kind_ = Kind::Directory;
  parts.root_ = std::move(root);
  return parts;
}

GraphParts GraphParts::texts(GraphPartTexts texts) {
  GraphParts parts;
  parts.kind_ = Kind::Texts;
  parts.texts_ = std::move(texts);
  return parts;
}

GraphParts::Read GraphParts::read(const std::string& key) const {
  switch (kind_) {
    case Kind::None: return {std::nullopt, "sub-graphs are not allowed here"};
    case Kind::Texts: {
      auto it = texts_.find(key);
      if (it == texts_.end()) return {std::nullopt, "not among the graph's parts"};
      return {it->second, ""};
    }
    case Kind::Directory: break;
  }
  const auto file = root_ / key;
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (status.type() == std::filesystem::file_type::not_found) return {std::nullopt, "no such file"};
  if (ec) return {std::nullopt, ec.message()};
  // Not a FIFO or a device: reading one could block or never end.
  if (!std::filesystem::is_regular_file(status)) return {std::nullopt, "not a regular file"};
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return {std::nullopt, ec.message()};
  if (size > GraphLoader::kMaxGraphBytes)
    return {std::nullopt, "too large (" + std::to_string(size) + " bytes, at most " +
                              std::to_string(GraphLoader::kMaxGraphBytes) + ")"};
  std::ifstream in(file, std::ios::binary);
  std::string text(std::istreambuf_iterator<char>(in), {});
  if (!in.good() && !in.eof()) return {std::nullopt, "cannot read it"};
  return {std::move(text), ""};
}

std::optional<std::string> part_key(const std::string& including, const std::string& written, std::string& why) {
  if (written.empty()) {
    why = "the file name is empty";
    return std::nullopt;
  }
  if (written.front() == '/') {
    why = "an absolute path; name a file below the including graph's directory";
    return std::nullopt;
  }
  for (char c : written)
    if (!part_path_character(c)) {
      why = "use letters, digits, '_', '.', '-' and '/' only";
      return std::nullopt;
    }
  // The including document's directory, then each component written; "." is skipped.
  std::vector<std::string> parts;
  for (std::size_t start = 0, slash = 0; start <= including.size(); start = slash + 1) {
    slash = including.find('/', start);
    if (slash == std::string::npos) break;  // the last component is the including file itself
    parts.push_back(including.substr(start, slash - start));
  }
  for (std::size_t start = 0; start <= written.size();) {
    auto slash = written.find('/', start);
    if (slash == std::string::npos) slash = written.size();
    const std::string component = written.substr(start, slash - start);
    start = slash + 1;
    if (component.empty() || component == ".") continue;
    if (component == "..") {
      why = "'..' leaves the including graph's directory";
      return std::nullopt;
    }
    parts.push_back(component);
  }
  if (parts.empty() || written.back() == '/') {
    why = "it names a directory, not a file";
    return std::nullopt;
  }
  std::string key;
  for (const auto& p : parts) key += (key.empty() ? "" : "/") + p;
  return key;
}

}  // namespace reelflow::framework
