#include "job_scripts.hpp"

namespace reelflow::service::scripts {

const char* const kSubmit = R"LUA(
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('XADD', KEYS[3], '*', 'job', ARGV[1])
redis.call('HINCRBY', KEYS[5], 'submitted', 1)
redis.call('XADD', KEYS[4], 'MAXLEN', '~', 5000, '*', 'data',
  cjson.encode({event = 'job_queued', job = ARGV[1], state = 'queued', time = tonumber(ARGV[2])}))
return 1
)LUA";

const char* const kBegin = R"LUA(
local group, entry, lease, worker, now, id = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local function ack() redis.call('XACK', KEYS[2], group, entry); redis.call('XDEL', KEYS[2], entry) end
local function event(t) t.job = id; t.time = tonumber(now)
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', 5000, '*', 'data', cjson.encode(t)) end
local state = redis.call('HGET', KEYS[1], 'state')
if not state then ack(); return {'gone'} end
if state ~= 'queued' and state ~= 'running' then ack(); return {'skip', state} end
if redis.call('HGET', KEYS[1], 'cancel') == '1' then
  redis.call('HSET', KEYS[1], 'state', 'cancelled', 'finished_at', now, 'lease', '')
  redis.call('HINCRBY', KEYS[4], 'cancelled', 1)
  ack(); event({event = 'job_finished', state = 'cancelled'})
  return {'skip', 'cancelled'}
end
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
local max = tonumber(redis.call('HGET', KEYS[1], 'max_attempts') or '1')
if attempts > max then
  local err = 'gave up after ' .. max .. ' attempt(s)'
  local last = redis.call('HGET', KEYS[1], 'error')
  if last and last ~= '' then err = err .. '; last error: ' .. last
  elseif state == 'running' then err = err .. '; the worker running it stopped (crash or kill)' end
  redis.call('HSET', KEYS[1], 'state', 'failed', 'error', err, 'finished_at', now, 'lease', '', 'attempts', max)
  redis.call('HINCRBY', KEYS[4], 'failed', 1)
  redis.call('HINCRBY', KEYS[4], 'dead_lettered', 1)
  redis.call('XADD', KEYS[5], '*', 'job', id, 'error', err, 'attempts', tostring(max))
  ack(); event({event = 'job_finished', state = 'failed', error = err})
  return {'dead', err}
end
if state == 'running' then redis.call('HINCRBY', KEYS[4], 'reclaimed', 1) end
redis.call('HSET', KEYS[1], 'state', 'running', 'lease', lease, 'worker', worker, 'started_at', now, 'entry', entry)
event({event = 'job_started', state = 'running', attempt = attempts, worker = worker})
return {'run', tostring(attempts)}
)LUA";

const char* const kKeepAlive = R"LUA(
if redis.call('HGET', KEYS[1], 'lease') ~= ARGV[3] then return 'lost' end
redis.call('XCLAIM', KEYS[2], ARGV[1], ARGV[4], 0, ARGV[2], 'JUSTID')
if redis.call('HGET', KEYS[1], 'cancel') == '1' then return 'cancel' end
return 'ok'
)LUA";

const char* const kFinish = R"LUA(
local group, entry, lease, outcome, err, output_dir, outputs, now, worker, id =
  ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10]
if redis.call('HGET', KEYS[1], 'lease') ~= lease then return 0 end
local function event(t) t.job = id; t.time = tonumber(now)
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', 5000, '*', 'data', cjson.encode(t)) end
local function requeue() redis.call('XADD', KEYS[2], '*', 'job', id) end
redis.call('XACK', KEYS[2], group, entry)
redis.call('XDEL', KEYS[2], entry)
if outcome == 'succeeded' then
  redis.call('HSET', KEYS[1], 'state', 'succeeded', 'error', '', 'output_dir', output_dir,
             'outputs', outputs, 'finished_at', now, 'lease', '')
  redis.call('HINCRBY', KEYS[4], 'succeeded', 1)
  redis.call('XADD', KEYS[6], '*', 'job', id, 'worker', worker, 'lease', lease)
  event({event = 'job_finished', state = 'succeeded'})
elseif outcome == 'cancelled' then
  redis.call('HSET', KEYS[1], 'state', 'cancelled', 'finished_at', now, 'lease', '')
  redis.call('HINCRBY', KEYS[4], 'cancelled', 1)
  event({event = 'job_finished', state = 'cancelled'})
elseif outcome == 'released' then
  redis.call('HINCRBY', KEYS[1], 'attempts', -1)
  redis.call('HSET', KEYS[1], 'state', 'queued', 'lease', '')
  requeue()
  event({event = 'job_requeued', state = 'queued', reason = 'the worker stopped'})
else
  local attempts = tonumber(redis.call('HGET', KEYS[1], 'attempts') or '1')
  local max = tonumber(redis.call('HGET', KEYS[1], 'max_attempts') or '1')
  if outcome == 'failed' and attempts < max then
    redis.call('HSET', KEYS[1], 'state', 'queued', 'error', err, 'lease', '')
    redis.call('HINCRBY', KEYS[4], 'retried', 1)
    requeue()
    event({event = 'job_retrying', state = 'queued', attempt = attempts, error = err})
  else
    redis.call('HSET', KEYS[1], 'state', 'failed', 'error', err, 'finished_at', now, 'lease', '')
    redis.call('HINCRBY', KEYS[4], 'failed', 1)
    redis.call('HINCRBY', KEYS[4], 'dead_lettered', 1)
    redis.call('XADD', KEYS[5], '*', 'job', id, 'error', err, 'attempts', tostring(attempts))
    event({event = 'job_finished', state = 'failed', error = err})
  end
end
return 1
)LUA";

const char* const kCancel = R"LUA(
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return 'missing' end
local function event(t) t.job = ARGV[2]; t.time = tonumber(ARGV[1])
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', 5000, '*', 'data', cjson.encode(t)) end
if state == 'queued' then
  redis.call('HSET', KEYS[1], 'state', 'cancelled', 'cancel', '1', 'finished_at', ARGV[1])
  redis.call('HINCRBY', KEYS[3], 'cancelled', 1)
  event({event = 'job_finished', state = 'cancelled'})
  return 'cancelled'
end
if state == 'running' then
  redis.call('HSET', KEYS[1], 'cancel', '1')
  event({event = 'job_cancelling', state = 'running'})
  return 'cancelling'
end
return 'finished'
)LUA";

const char* const kDelete = R"LUA(
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return 'missing' end
if state == 'queued' or state == 'running' then return 'active' end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[1])
return 'deleted'
)LUA";

const char* const kDeleteBatch = R"LUA(
if redis.call('EXISTS', KEYS[1]) == 0 then return 'missing' end
for i = 3, #KEYS, 2 do
  local state = redis.call('HGET', KEYS[i], 'state')
  if state == 'queued' or state == 'running' then return 'active' end
end
for i = 3, #KEYS, 2 do redis.call('DEL', KEYS[i], KEYS[i + 1]) end
if #ARGV > 0 then redis.call('ZREM', KEYS[2], unpack(ARGV)) end
redis.call('DEL', KEYS[1])
return 'deleted'
)LUA";

}  // namespace reelflow::service::scripts
