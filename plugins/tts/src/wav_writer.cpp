#include "wav_writer.hpp"

#include <reelflow/atomic_file.hpp>

#include <cstdint>
#include <fstream>
#include <limits>
#include <string>

namespace reelflow::tts {
namespace {

// WAV is little-endian whatever the host is.
class LittleEndianBytes {
 public:
  void tag(const char (&fourcc)[5]) { bytes_.append(fourcc, 4); }
  void u16(std::uint16_t v) { put(v, 2); }
  void u32(std::uint32_t v) { put(v, 4); }
  const std::string& bytes() const { return bytes_; }

 private:
  void put(std::uint32_t v, int count) {
    for (int i = 0; i < count; ++i) bytes_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  std::string bytes_;
};

std::string pcm_bytes(const PcmAudio& audio) {
  std::string out;
  out.reserve(audio.samples.size() * 2);
  for (std::int16_t s : audio.samples) {
    auto u = static_cast<std::uint16_t>(s);
    out.push_back(static_cast<char>(u & 0xFF));
    out.push_back(static_cast<char>(u >> 8));
  }
  return out;
}

}  // namespace

Status write_wav(const std::filesystem::path& path, const PcmAudio& audio) {
  constexpr std::uint16_t kChannels = 1;
  constexpr std::uint16_t kBitsPerSample = 16;
  constexpr std::uint16_t kBlockAlign = kChannels * kBitsPerSample / 8;
  const std::uint64_t data_size = audio.samples.size() * std::uint64_t{kBlockAlign};
  if (audio.sample_rate <= 0) return Status::error("cannot write " + path.string() + ": no sample rate");
  if (data_size + 36 > std::numeric_limits<std::uint32_t>::max())
    return Status::error("cannot write " + path.string() + ": audio too long for a WAV file");

  LittleEndianBytes header;
  header.tag("RIFF");
  header.u32(static_cast<std::uint32_t>(36 + data_size));
  header.tag("WAVE");
  header.tag("fmt ");
  header.u32(16);  // PCM format chunk size
  header.u16(1);   // PCM
  header.u16(kChannels);
  header.u32(static_cast<std::uint32_t>(audio.sample_rate));
  header.u32(static_cast<std::uint32_t>(audio.sample_rate) * kBlockAlign);
  header.u16(kBlockAlign);
  header.u16(kBitsPerSample);
  header.tag("data");
  header.u32(static_cast<std::uint32_t>(data_size));

  AtomicFile file(path);
  {
    std::ofstream out(file.temp_path(), std::ios::binary | std::ios::trunc);
    out << header.bytes() << pcm_bytes(audio);
    out.flush();
    if (!out) return Status::error("cannot write " + path.string());
  }
  try {
    file.commit();
  } catch (const std::filesystem::filesystem_error& e) {
    return Status::error("cannot write " + path.string() + ": " + e.code().message());
  }
  return Status::ok();
}

}  // namespace reelflow::tts
