-- wrk: one patient's page (or its JSON, with $JSON=1) as a member reads it, 50 posts, each read audited.
local token = os.getenv("TOKEN")
local path = (os.getenv("JSON") == "1" and "/api/v1/teams/" or "/teams/") .. os.getenv("TEAM")
request = function()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
