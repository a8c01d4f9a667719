#pragma once
// Everything a stage plugin needs. (GStreamer helpers: <reelflow/gst_ptr.hpp>.)
#include <reelflow/atomic_file.hpp>
#include <reelflow/http.hpp>
#include <reelflow/param.hpp>
#include <reelflow/plugin.hpp>
#include <reelflow/stage.hpp>
#include <reelflow/stage_context.hpp>
#include <reelflow/stage_spec.hpp>
#include <reelflow/status.hpp>
#include <reelflow/value.hpp>
#include <reelflow/version.hpp>
