#include "clip_fetcher.hpp"

#include "clip_probe.hpp"

namespace reelflow::clip_source {
namespace {

// Clips are kept as .mp4 whatever their container: the decoders read the header, not the name.
constexpr const char* kEntryExtension = "mp4";

}  // namespace

ClipFetcher::ClipFetcher(StageContext& context, FetchSettings settings) : context_(context), settings_(settings) {
  if (settings_.cache) cache_.emplace(context_.cache_dir() / "clip_source", std::vector<std::string>{kEntryExtension});
}

std::filesystem::path ClipFetcher::from_cache(const std::string& identity) {
  if (!cache_) return {};
  const auto entry = cache_->find(identity);
  if (entry.empty()) return {};
  ClipFacts facts;
  if (Status ok = probe_clip(entry, entry.string(), facts); !ok) {
    context_.log(LogLevel::Warn, "dropping unreadable cache entry: " + ok.message());
    remove_quietly(entry);
    return {};
  }
  return entry;
}

Status ClipFetcher::download(const std::string& url, const std::string& identity, std::size_t index,
                             std::filesystem::path& clip) {
  const auto incoming = cache_ ? cache_->incoming_path(identity)
                               : context_.work_dir() / ("clip-" + std::to_string(index + 1) + ".mp4");
  std::filesystem::create_directories(incoming.parent_path());
  if (Status got = download_to_file(context_.http(), request_to(url), incoming, settings_.max_bytes, "clip download", url);
      !got)
    return got;
  ClipFacts facts;
  if (Status ok = probe_clip(incoming, url_for_messages(url), facts); !ok) {
    remove_quietly(incoming);
    return ok;
  }
  if (!cache_) {
    clip = incoming;
    return Status::ok();
  }
  return cache_->admit(identity, incoming, kEntryExtension, clip);
}

}  // namespace reelflow::clip_source
