-- wrk: rotates through realistic directory searches (kana, kanji, one character, filters).
local paths = {
  "/api/v1/facilities?q=%E3%81%95%E3%81%8F%E3%82%89",                 -- さくら
  "/api/v1/facilities?q=%E8%A8%AA%E5%95%8F%E7%9C%8B%E8%AD%B7",         -- 訪問看護
  "/api/v1/facilities?q=%E5%85%90%E7%8E%89&municipality=112119",       -- 児玉, 本庄市
  "/api/v1/facilities?q=%EF%BE%98%EF%BE%8A%EF%BE%8B%EF%BE%9E%EF%BE%98", -- ﾘﾊﾋﾞﾘ
  "/api/v1/facilities?kind=care_management&municipality=113859",
  "/api/v1/facilities?q=%E8%8B%91",                                    -- 苑
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
