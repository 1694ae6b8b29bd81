// Care-team figures for make bench (scripts/bench.sh): `setup BASE TOKEN N OUT` registers N people as
// the token's owner (consent recorded) and writes their ids to OUT; `live BASE TOKEN TEAM N` holds N
// live streams of one patient's page open, posts once, and prints how long each stream took to hear it
// (p50, p99, max). Never pass/fail: the figures go to docs/performance.md.
const [cmd, base, token, a, b] = process.argv.slice(2);
const auth = { authorization: `Bearer ${token}` };

async function setup(n, out) {
  const { writeFileSync } = await import('node:fs');
  const ids = [];
  const towns = ['112119', '113816', '113832', '113859'];
  for (let i = 0; i < n; i += 16) {
    const batch = [];
    for (let j = i; j < Math.min(n, i + 16); j++) {
      batch.push(fetch(`${base}/api/v1/teams`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `ベンチ 患者${j}`, kana: `べんち かんじゃ${j}`, municipality: towns[j % 4],
          consent: { date: '2026-11-01', method: 'written', by: '本人' } }) }).then((r) => r.json()));
    }
    for (const r of await Promise.all(batch)) ids.push(r.id);
  }
  writeFileSync(out, ids.join('\n') + '\n');
}

async function live(team, n) {
  const streams = [];
  for (let i = 0; i < n; i++) {
    const ctrl = new AbortController();
    const res = await fetch(`${base}/teams/${team}/events`, { headers: auth, signal: ctrl.signal });
    streams.push({ ctrl, reader: res.body.getReader() });
  }
  await new Promise((r) => setTimeout(r, 1500));
  const t0 = performance.now();
  const heard = streams.map(async (s) => {
    const dec = new TextDecoder();
    let text = '';
    while (!/event: changed/.test(text)) {
      const { value, done } = await s.reader.read();
      if (done) return Infinity;
      text += dec.decode(value);
    }
    return performance.now() - t0;
  });
  await fetch(`${base}/api/v1/teams/${team}/posts`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'note', body: 'ライブ配信の計測' }) });
  const ms = (await Promise.all(heard)).sort((x, y) => x - y);
  for (const s of streams) s.ctrl.abort();
  const at = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(0);
  console.log(`live delivery to ${n} open streams: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${ms[ms.length - 1].toFixed(0)} ms`);
}

if (cmd === 'setup') await setup(Number(a), b);
else if (cmd === 'live') await live(a, Number(b));
else throw new Error('usage: careteams.mjs setup|live …');
