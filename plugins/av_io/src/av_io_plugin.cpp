// av_io: stream sources and sinks (docs/stages/av_io.md).
#include "av_source_stage.hpp"
#include "file_sink_stage.hpp"
#include "hls_ladder_stage.hpp"
#include "hls_sink_stage.hpp"
#include "rtmp_sink_stage.hpp"
#include "srt_sink_stage.hpp"

#include <reelflow/plugin.hpp>

REELFLOW_PLUGIN("av_io", "1.0.0", "Stream sources (test, file, RTSP/SRT/RTMP) and sinks (file, HLS, HLS ladder, SRT, RTMP)") {
  registrar.add<reelflow::av_io::AvSource>("av_source");
  registrar.add<reelflow::av_io::FileSink>("file_sink");
  registrar.add<reelflow::av_io::HlsSink>("hls_sink");
  registrar.add<reelflow::av_io::HlsLadder>("hls_ladder");
  registrar.add<reelflow::av_io::SrtSink>("srt_sink");
  registrar.add<reelflow::av_io::RtmpSink>("rtmp_sink");
}
