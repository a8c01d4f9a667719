#include "shot_list_file.hpp"

#include <reelflow/atomic_file.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>

namespace reelflow::scene_segmenter {

void write_shot_list(const std::filesystem::path& file, const std::vector<Shot>& shots) {
  nlohmann::json list = nlohmann::json::array();
  for (const Shot& shot : shots) {
    nlohmann::json thumbnail = nullptr;
    if (!shot.thumbnail.empty()) thumbnail = shot.thumbnail.lexically_relative(file.parent_path()).generic_string();
    list.push_back({{"index", shot.index},
                    {"start_s", shot.start_s},
                    {"end_s", shot.end_s},
                    {"start_frame", shot.start_frame},
                    {"end_frame", shot.end_frame},
                    {"thumbnail", thumbnail}});
  }
  AtomicFile out(file);
  {
    std::ofstream stream(out.temp_path(), std::ios::binary | std::ios::trunc);
    stream << list.dump(2) << '\n';
    stream.close();
    if (!stream) throw std::runtime_error("cannot write the shot list '" + file.string() + "'");
  }
  out.commit();
}

}  // namespace reelflow::scene_segmenter
