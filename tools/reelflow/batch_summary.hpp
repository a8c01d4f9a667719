#pragma once
// What a batch made: one row per topic, printed as a table at the end and kept
// as <output-dir>/batch.json (written atomically).
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace reelflow::cli {

struct BatchItem {
  int line = 0;
  std::string topic;
  std::string folder;  // under the batch's output dir
  enum class Status { Pending, Done, Failed, Cancelled } status = Status::Pending;
  double length_s = 0.0;            // the video's, when done
  std::filesystem::path video;      // when done
  std::string error;                // when failed
};

const char* status_name(BatchItem::Status status);
void print_batch_table(const std::vector<BatchItem>& items, std::FILE* out);
void write_batch_json(const std::vector<BatchItem>& items, const std::filesystem::path& file);

}  // namespace reelflow::cli
