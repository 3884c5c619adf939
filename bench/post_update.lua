-- wrk script: post progress updates as the bench secretariat, as the browser does.
--
--   BENCH_PATHS=bench/out/M/secretariat-actions.txt \
--   wrk -t2 -c8 -d15s --latency -s bench/post_update.lua \
--       -H "Cookie: tracker_session=...; csrftoken=..." http://127.0.0.1:8123/
--
-- BENCH_PATHS names a file of action paths (/d/<doc>/<action>, one a line, all
-- of them actions the logged-in secretariat may post on); each request posts to
-- the next one, so concurrent posts rarely hit the same action. BENCH_TAG goes
-- into every note, so a run's rows can be told apart.
--
-- Each request is what htmx sends from the update form: `HX-Request: true`
-- (so success is a 200 with the refreshed update area, not a 303 redirect)
-- and the CSRF token in the `x-csrftoken` header. The body is urlencoded
-- rather than multipart: no files, so the difference is only parsing.
-- `confirm=1` skips the "newer updates arrived" check: the load itself makes
-- every form stale.
--
-- done() prints one line for run.sh:
--   posts: sent=N 2xx=N 3xx=N failed=N statuses=t1[CODE:COUNT,...],...
-- `sent` counts requests started, so after a timed run, sent - (2xx+3xx+failed)
-- were still in flight when wrk stopped (the server may have stored them): at
-- most one per connection.

local threads = {}

function setup(thread)
   thread:set("id", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   paths = {}
   for line in io.lines(os.getenv("BENCH_PATHS")) do
      if line ~= "" then
         paths[#paths + 1] = line
      end
   end
   assert(#paths > 0, "BENCH_PATHS lists no actions")
   -- Threads start at different places in the list.
   position = ((id - 1) * 397) % #paths
   tag = os.getenv("BENCH_TAG") or "bench"

   -- The -H headers (Cookie, Host) plus the form's; wrk.format does not merge.
   headers = {}
   for name, value in pairs(wrk.headers) do
      headers[name] = value
   end
   local cookie = headers["Cookie"] or ""
   token = cookie:match("csrftoken=([^;%s]+)")
   assert(token, "no csrftoken in the Cookie header (-H 'Cookie: ...; csrftoken=...')")
   headers["Content-Type"] = "application/x-www-form-urlencoded"
   headers["HX-Request"] = "true"
   headers["x-csrftoken"] = token

   sent, ok, redirected, failed = 0, 0, 0, 0
   statuses = {}
end

-- wrk also calls this once at start-up, on the first thread, to check what it
-- returns: done() takes that one off `sent`.
function request()
   sent = sent + 1
   position = position % #paths + 1
   local percent = (sent * 7) % 96 -- varies, never 100 (that would need "done")
   local body = "_csrf_token=" .. token
      .. "&status=in_progress&percent=" .. percent
      .. "&note=" .. tag .. "+t" .. id .. "+n" .. sent .. "%3A+kegiatan+berjalan"
      .. "&confirm=1&seen=0"
   return wrk.format("POST", paths[position] .. "/updates", headers, body)
end

function response(status, headers, body)
   if status >= 200 and status < 300 then
      ok = ok + 1
   elseif status >= 300 and status < 400 then
      redirected = redirected + 1
   else
      failed = failed + 1
      statuses[status] = (statuses[status] or 0) + 1
      -- As text: done() reads it from another Lua state, scalars are simplest.
      local list = {}
      for code, n in pairs(statuses) do
         list[#list + 1] = code .. ":" .. n
      end
      status_text = table.concat(list, ",")
   end
end

function done(summary, latency, requests)
   local total = { sent = 0, ok = 0, redirected = 0, failed = 0 }
   local codes = {}
   for _, thread in ipairs(threads) do
      for name in pairs(total) do
         total[name] = total[name] + thread:get(name)
      end
      local text = thread:get("status_text")
      if text then
         codes[#codes + 1] = "t" .. thread:get("id") .. "[" .. text .. "]"
      end
   end
   total.sent = total.sent - 1 -- wrk's start-up check of request()
   io.write(string.format("posts: sent=%d 2xx=%d 3xx=%d failed=%d statuses=%s\n",
      total.sent, total.ok, total.redirected, total.failed, table.concat(codes, ",")))
end
