#include "batch_summary.hpp"

#include <reelflow/atomic_file.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

namespace reelflow::cli {
namespace {

constexpr std::size_t kTopicColumn = 36;

// At most `width` bytes, cut before a UTF-8 continuation byte, with "..." when cut.
std::string shortened(const std::string& text, std::size_t width) {
  if (text.size() <= width) return text;
  std::size_t end = width - 3;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "...";
}

std::string length_text(const BatchItem& item) {
  if (item.status != BatchItem::Status::Done) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", item.length_s);
  return text;
}

}  // namespace

const char* status_name(BatchItem::Status status) {
  switch (status) {
    case BatchItem::Status::Pending: return "not run";
    case BatchItem::Status::Done: return "done";
    case BatchItem::Status::Failed: return "failed";
    case BatchItem::Status::Cancelled: return "cancelled";
  }
  return "?";
}

void print_batch_table(const std::vector<BatchItem>& items, std::FILE* out) {
  std::fprintf(out, "%-5s %-*s %-9s %-8s %s\n", "line", static_cast<int>(kTopicColumn), "topic", "status", "length",
               "output or error");
  for (const auto& item : items) {
    const std::string where = item.status == BatchItem::Status::Done ? item.video.string() : item.error;
    std::fprintf(out, "%-5d %-*s %-9s %-8s %s\n", item.line, static_cast<int>(kTopicColumn),
                 shortened(item.topic, kTopicColumn).c_str(), status_name(item.status), length_text(item).c_str(),
                 where.c_str());
  }
}

void write_batch_json(const std::vector<BatchItem>& items, const std::filesystem::path& file) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& item : items) {
    nlohmann::json row = {{"line", item.line}, {"topic", item.topic}, {"folder", item.folder},
                          {"status", status_name(item.status)}};
    if (item.status == BatchItem::Status::Done) {
      row["length_s"] = item.length_s;
      row["video"] = item.video.string();
    }
    if (!item.error.empty()) row["error"] = item.error;
    rows.push_back(std::move(row));
  }
  AtomicFile atomic(file);
  {
    std::ofstream json(atomic.temp_path(), std::ios::binary);
    json << nlohmann::json{{"topics", std::move(rows)}}.dump(2,' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    if (!json.flush()) throw std::runtime_error("cannot write " + file.string());
  }
  atomic.commit();
}

}  // namespace reelflow::cli
