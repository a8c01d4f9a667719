#pragma once
// The Lua scripts that change a job's state. Each runs atomically in Redis, so a
// job's hash, the queue, its event stream and the counters never disagree, whatever
// number of API servers and workers race on it.
namespace reelflow::service::scripts {

// KEYS: job, jobs, queue, events, stats. ARGV: id, created_at, field, value, ...
extern const char* const kSubmit;
// KEYS: job, queue, events, stats, dead. ARGV: group, entry, lease, worker, now, id.
// Returns {"run", attempt} | {"skip", state} | {"dead", error} | {"gone"}.
extern const char* const kBegin;
// KEYS: job, queue. ARGV: group, entry, lease, consumer. Returns ok | cancel | lost.
extern const char* const kKeepAlive;
// KEYS: job, queue, events, stats, dead, completions.
// ARGV: group, entry, lease, outcome, error, output_dir, outputs_json, now, worker, id.
// outcome: succeeded | cancelled | failed | failed_final | released. Returns 1, or 0
// when the lease was lost (another worker owns the job now: nothing is recorded).
extern const char* const kFinish;
// KEYS: job, events, stats. ARGV: now, id. Returns cancelled | cancelling | missing | finished.
extern const char* const kCancel;
// KEYS: job, events, jobs. ARGV: id. Returns deleted | active | missing.
extern const char* const kDelete;
// KEYS: batch, jobs, then job and events of each of its jobs. ARGV: the job ids.
// All or nothing: while any of its jobs is queued or running, nothing is deleted.
// Returns deleted | active | missing.
extern const char* const kDeleteBatch;

}  // namespace reelflow::service::scripts
