#include "notes_source.hpp"

#include "text_tools.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace reelflow::llm_script {
namespace {

Status read_notes_file(const std::string& path, std::string& out) {
  const std::string where = "llm_script: notes_file '" + path + "'";
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return Status::error(where + " does not exist");
  if (!std::filesystem::is_regular_file(status)) return Status::error(where + " is not a regular file");
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return Status::error(where + " cannot be read: " + ec.message());
  if (size > kMaxNotesBytes)
    return Status::error(where + " is larger than " + std::to_string(kMaxNotesBytes >> 10) + " KiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error(where + " cannot be read: " + std::strerror(errno));
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::error(where + " cannot be read");
  if (out.find('\0') != std::string::npos) return Status::error(where + " is not a text file");
  if (collapse_whitespace(out).empty()) return Status::error(where + " is empty");
  return Status::ok();
}

}  // namespace

Status load_notes(const Value* input, const std::string& notes_file, std::string& out) {
  out.clear();
  if (input) {
    const Text* text = std::get_if<Text>(input);
    if (!text) return Status::error("llm_script: input 'notes' does not carry text");
    if (collapse_whitespace(text->text).empty()) return Status::error("llm_script: input 'notes' is empty");
    out = text->text;
  }
  if (!notes_file.empty()) {
    std::string file_text;
    if (Status read = read_notes_file(notes_file, file_text); !read) return read;
    out += (out.empty() ? "" : "\n\n") + file_text;
  }
  return Status::ok();
}

}  // namespace reelflow::llm_script
