// Writes a 介護サービス情報公表-format CSV of synthetic facilities for `make bench`: realistic Japanese
// names with their kana, spread over the region's four towns, each office in several service rows.
// Usage: node bench/gen_directory.mjs FACILITIES ROWS_PER_FACILITY > file.csv
const facilities = Number(process.argv[2] || 20000);
const perFacility = Number(process.argv[3] || 5);
const header = '都道府県コード又は市町村コード,No,都道府県名,市区町村名,事業所名,事業所名カナ,サービスの種類,住所,方書（ビル名等）,緯度,経度,電話番号,FAX番号,法人番号,法人の名称,事業所番号,利用可能曜日,利用可能曜日特記事項,定員,URL,高齢者の方と障害者の方が同時一体的に利用できるサービス,介護保険の通常の指定基準を満たしている,障害福祉の通常の指定基準を満たしている,備考';
const towns = [['112119', '本庄市', '埼玉県本庄市'], ['113816', '美里町', '埼玉県児玉郡美里町'], ['113832', '神川町', '埼玉県児玉郡神川町'], ['113859', '上里町', '埼玉県児玉郡上里町']];
const words = [['さくら', 'サクラ'], ['ひまわり', 'ヒマワリ'], ['あおば', 'アオバ'], ['みどり', 'ミドリ'], ['ふれあい', 'フレアイ'], ['やすらぎ', 'ヤスラギ'],
  ['青空', 'アオゾラ'], ['若葉', 'ワカバ'], ['陽だまり', 'ヒダマリ'], ['本庄', 'ホンジョウ'], ['児玉', 'コダマ'], ['神川', 'カミカワ'], ['美里', 'ミサト'],
  ['上里', 'カミサト'], ['利根', 'トネ'], ['赤城', 'アカギ'], ['花園', 'ハナゾノ'], ['清流', 'セイリュウ'], ['ゆうあい', 'ユウアイ'], ['なごみ', 'ナゴミ']];
const services = ['訪問介護', '訪問看護', '訪問リハビリテーション', '通所介護', '通所リハビリテーション', '居宅介護支援', '短期入所生活介護',
  '福祉用具貸与', '認知症対応型共同生活介護', '小規模多機能型居宅介護', '定期巡回・随時対応型訪問介護看護', '介護老人福祉施設'];
const suffix = [['ケアセンター', 'ケアセンター'], ['の家', 'ノイエ'], ['苑', 'エン'], ['ステーション', 'ステーション'], ['ホーム', 'ホーム']];
let seed = 42;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const out = [header];
for (let i = 0; i < facilities; i++) {
  const [code, town, addr] = towns[i % 4];
  const w = words[rnd(words.length)], w2 = words[rnd(words.length)], s = suffix[rnd(suffix.length)];
  const name = `${w[0]}${w2[0]}${s[0]}${i}`, kana = `${w[1]}${w2[1]}${s[1]}${i}`;
  const no = String(1170000000 + i).padStart(10, '0');
  const lat = (36.15 + rnd(1200) / 10000).toFixed(6), lon = (139.05 + rnd(1800) / 10000).toFixed(6);
  for (let k = 0; k < perFacility; k++) {
    const svc = services[(i + k * 7) % services.length];
    out.push([code, no, '埼玉県', town, name, kana, svc, `${addr}${1 + rnd(30)}-${1 + rnd(20)}`, '', lat, lon,
      `0495-${String(10 + rnd(89))}-${String(1000 + rnd(8999))}`, '', '', `社会福祉法人${w[0]}会`, no, '平日', '', String(rnd(60)), '', '', '', '', ''].join(','));
  }
}
process.stdout.write('\uFEFF' + out.join('\r\n') + '\r\n');
