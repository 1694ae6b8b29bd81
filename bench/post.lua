-- wrk: durable posts (each answered after its commit) to the timelines of the patients listed in
-- $TEAMS_FILE, one after another, as the doctor (Authorization from $TOKEN).
local ids = {}
for line in io.lines(os.getenv("TEAMS_FILE")) do ids[#ids + 1] = line end
local token = os.getenv("TOKEN")
local i = 0
request = function()
  i = i + 1
  local body = '{"kind":"vitals","body":"ベンチの記録","fields":{"systolic":"128","diastolic":"76","spo2":"96"}}'
  return wrk.format("POST", "/api/v1/teams/" .. ids[(i % #ids) + 1] .. "/posts",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
