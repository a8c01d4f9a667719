#pragma once
// Downloading one file: the body straight to disk, bounded, and nothing partial left
// when it fails.
#include <reelflow/http.hpp>
#include <reelflow/status.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace reelflow::source_kit {

// Removes `file` if it is there; a file that cannot be removed is left (a temp).
void remove_quietly(const std::filesystem::path& file);

// Sends `request` with its body written to `file`, at most `max_bytes`. On failure the
// partial file is removed and the error reads as describe_failure(what, url) says.
Status download_to_file(HttpClient& http, HttpRequest request, const std::filesystem::path& file,
                        std::size_t max_bytes, const std::string& what, std::string_view url);

}  // namespace reelflow::source_kit
