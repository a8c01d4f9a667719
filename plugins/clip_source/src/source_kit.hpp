#pragma once
// clip_source is built on the source kit it shares with image_source
// (plugins/source_kit): its names are used here as the stage's own.
#include <source_kit/base64.hpp>
#include <source_kit/clip_set.hpp>
#include <source_kit/download.hpp>
#include <source_kit/download_cache.hpp>
#include <source_kit/fetch_settings.hpp>
#include <source_kit/file_list.hpp>
#include <source_kit/http_messages.hpp>
#include <source_kit/percent_encoding.hpp>
#include <source_kit/provider_chain.hpp>
#include <source_kit/scene_text.hpp>
#include <source_kit/seeded_random.hpp>
#include <source_kit/sha256.hpp>
#include <source_kit/source_lines.hpp>

namespace reelflow::clip_source {
using namespace reelflow::source_kit;
}  // namespace reelflow::clip_source
