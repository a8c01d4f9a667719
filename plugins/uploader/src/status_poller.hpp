#pragma once
// Waiting for a platform to finish processing an upload (TikTok's publish status,
// Instagram's container status): asks again and again, the pause doubling from
// `poll_interval_s` up to 16 times it, until the answer is final or
// `publish_timeout_s` has passed. Cancellation is noticed within 0.1 s.
#include <reelflow/stage_context.hpp>

#include <functional>
#include <string>

namespace reelflow::uploader {

// One look at the status: an error Status ends the wait as a failure; otherwise
// `done` says whether it is over, and `state` (e.g. "IN_PROGRESS") is what a timeout reports.
using StatusCheck = std::function<Status(bool& done, std::string& state)>;

// `what` names the wait in the timeout message ("container 1789 status").
Status poll_until_done(StageContext& ctx, const std::string& what, const StatusCheck& check);

}  // namespace reelflow::uploader
