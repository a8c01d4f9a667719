#pragma once
// Gathers the notes a script is built from: the `notes` input (text from another
// stage) and/or the notes_file param, checked so that a bad source is a clear error.
#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <string>

namespace reelflow::llm_script {

// Notes files larger than this are refused: notes are an outline, not a book.
inline constexpr std::size_t kMaxNotesBytes = 256u << 10;

// `input` is the value on the notes port (nullptr when unconnected); an empty
// notes_file means none. Both together are joined, input first. `out` stays
// empty when there are no notes.
Status load_notes(const Value* input, const std::string& notes_file, std::string& out);

}  // namespace reelflow::llm_script
