#include "clip_fetcher.hpp"

#include "clip_probe.hpp"

namespace reelflow::clip_source {
namespace {

// Clips are kept as .mp4 whatever their container: the decoders read the header, not the name.
constexpr const char* kEntryExtension = "mp4";

void remove_quietly(const std::filesystem::path& file) {
  std::error_code ignored;
  std::filesystem::remove(file, ignored);
}

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
  HttpRequest request = request_to(url);
  request.response_file = incoming;
  request.max_response_bytes = settings_.max_bytes;
  const HttpResponse response = context_.http().send(request);
  if (!response.ok()) {
    remove_quietly(incoming);
    return Status::error(describe_failure(response, "clip download", url));
  }
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
