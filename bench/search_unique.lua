-- wrk: every request a query never asked before (a word and a number, as in "さくら 1234"), so the
-- result cache never answers: the cost of a first search.
local words = {
  "%E3%81%95%E3%81%8F%E3%82%89",         -- さくら
  "%E8%A8%AA%E5%95%8F%E7%9C%8B%E8%AD%B7", -- 訪問看護
  "%E5%85%90%E7%8E%89",                  -- 児玉
  "%EF%BE%98%EF%BE%8A%EF%BE%8B%EF%BE%9E%EF%BE%98", -- ﾘﾊﾋﾞﾘ
  "%E8%8B%91",                           -- 苑
  "%E3%81%BB%E3%82%93%E3%81%98%E3%82%87%E3%81%86", -- ほんじょう
}
-- Each wrk thread counts in its own range of numbers (the generated names end in numbers below 20,000,
-- so most queries find a few facilities), so no two requests of a 10-second run are the same.
local threads = 0
function setup(thread)
  thread:set("first", threads * 10000)
  threads = threads + 1
end
local i = 0
request = function()
  i = i + 1
  local w = words[(i % #words) + 1]
  return wrk.format("GET", "/api/v1/facilities?q=" .. w .. "%20" .. tostring((first + math.floor(i / #words)) % 20000))
end
