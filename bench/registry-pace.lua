-- wrk script for bench/registry-lookup.sh: channel lookups cycling through every bucket (service-01 .. service-NN,
-- channel `production`), either as fast as the server answers (RATE 0: each connection sends its next request as soon
-- as the last answer arrives) or at RATE requests per second in all, paced: one clock schedules a request every
-- 1/RATE s, and a connection whose answer came back waits (wrk's delay()) for the next free slot of the schedule. A
-- schedule that fell behind (a slow answer) sends at once until it caught up, so the offered rate holds without the
-- bursts of a per-second quota. Use one wrk thread (-t1): the schedule belongs to the thread.
-- usage: wrk -t1 -cCONNECTIONS -dSECONDS --latency -s bench/registry-pace.lua URL -- RATE BUCKETS channel|terraform TOKEN

local ffi = require("ffi")
ffi.cdef([[
  typedef struct { long tv_sec; long tv_nsec; } tsbuild_timespec;
  int clock_gettime(int clock_id, tsbuild_timespec *tp);
]])
local CLOCK_MONOTONIC = 1
local timespec = ffi.new("tsbuild_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local requests, i = {}, 0
local interval, next_slot

local function paced_delay()
  local now = now_ms()
  next_slot = next_slot or now
  local slot = next_slot
  next_slot = next_slot + interval
  -- wrk's timers count whole milliseconds.
  return slot > now and math.floor(slot - now + 0.5) or 0
end

function init(args)
  local rate, buckets, route, token = tonumber(args[1]), tonumber(args[2]), args[3], args[4]
  if not (rate and buckets and token) or (route ~= "channel" and route ~= "terraform") then
    error("usage: -- RATE BUCKETS channel|terraform TOKEN")
  end
  for b = 1, buckets do
    local name = string.format("service-%02d", b)
    local path = route == "terraform" and ("/terraform/v1/buckets/" .. name .. "/channels/production")
      or ("/packer/2023-01-01/organizations/default/projects/default/buckets/" .. name .. "/channels/production")
    requests[#requests + 1] = wrk.format("GET", path, { Authorization = "Bearer " .. token })
  end
  i = math.random(#requests)
  if rate > 0 then
    interval = 1000 / rate
    delay = paced_delay
  end
end

function request()
  i = i % #requests + 1
  return requests[i]
end
