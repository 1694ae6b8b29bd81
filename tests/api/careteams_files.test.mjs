// Photos and PDFs on a care team's timeline, through the real server and libvips: a phone's JPEG with
// its GPS position and orientation, a PNG with a text chunk, a PDF. What must hold: the kept photo has
// no metadata left (on disk, full size and thumbnail), stands upright, is served as an image and never
// as HTML; a PDF is a download; only active members read them (the same 404 as a guessed id for anyone
// else, an administrator and a hub coordinator included, and for a file asked for through another
// team); crafted files are refused with nothing stored; backups carry the files. Both engines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { startServer, sql, ENGINE, apiClient, cli, freshDatabase } from './harness.mjs';

let srv;
const tokens = {};
const ids = {};
const api = apiClient(() => srv.base, tokens);
const last = (r) => r.stdout.trim().split('\n').pop();
const PHOTO = readFileSync(new URL('../fixtures/media/photo-with-gps.jpg', import.meta.url));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

// A PNG of w × h (RGBA, grey) with a tEXt chunk: what a screenshot tool may write into it.
function png(w, h, text = 'Comment\0RENKEI-SECRET-PNG-TEXT') {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, c]);
  };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 6;
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 4, 0x80)]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('tEXt', Buffer.from(text, 'latin1')),
    chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function form(fields, files) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [name, bytes, type] of files) f.append('file', new Blob([bytes], { type }), name);
  return f;
}

// Every file of the store, with its bytes and mode.
function storedFiles(dir) {
  const out = [];
  const walk = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else out.push({ p, mode: statSync(p).mode & 0o777, bytes: readFileSync(p) }); } };
  try { walk(dir); } catch { /* no store yet */ }
  return out;
}

before(async () => {
  srv = await startServer();
  const org = (name, kind) => last(srv.cli(['org', 'add', '--name', name, '--kind', kind, '--municipality', '112119']));
  ids.clinic = org('写真テストクリニック', 'clinic');
  ids.hub = org('写真テスト拠点', 'hub');
  const people = [
    ['doc', 'professional', ['--org', ids.clinic, '--profession', 'doctor', '--name', '写真 医師']],
    ['nurse', 'professional', ['--org', ids.clinic, '--profession', 'visiting_nurse', '--name', '写真 看護師']],
    ['other', 'professional', ['--org', ids.clinic, '--profession', 'visiting_nurse', '--name', '別チーム 看護師']],
    ['hubc', 'hub_coordinator', ['--org', ids.hub]],
    ['boss', 'admin', []],
  ];
  for (const [login, role, extra] of people) {
    assert.equal(srv.cli(['user', 'add', '--login', login, '--role', role, ...extra], { input: `${login}-initial-pass-1\n` }).status, 0);
    tokens[login] = last(srv.cli(['token', 'create', '--login', login, '--name', 't']));
    ids[login] = (await api('/api/v1/me', login)).json.id;
  }
});
after(async () => { await srv.stop(); });

async function newTeam(who, name) {
  const r = await api('/api/v1/teams', who, { method: 'POST', body: { name, kana: 'しゃしん', municipality: '112119', consent: { date: '2026-11-01', method: 'written', by: '本人' } } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.json.id;
}

test(`a phone's photo, a PNG and a PDF: kept without metadata, upright, served safely (${ENGINE})`, async () => {
  assert.ok(PHOTO.includes('RENKEI-PHONE-MAKE') && PHOTO.includes('Exif'), 'the fixture carries EXIF');
  const id = await newTeam('doc', '写真 タロウ');
  const r = await api(`/api/v1/teams/${id}/posts`, 'doc', {
    method: 'POST',
    body: form({ kind: 'note', body: '右踵の発赤、写真を添付します' },
      [['IMG_0042.JPG', PHOTO, 'image/jpeg'], ['screen.png', png(400, 100), 'image/png'], ['紹介状.pdf', PDF, 'application/pdf']]),
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const team = (await api(`/api/v1/teams/${id}`, 'doc')).json;
  const post = team.posts.find((p) => p.id === r.json.id);
  assert.equal(post.files.length, 3);
  const [photo, shot, pdf] = post.files;
  assert.deepEqual([photo.kind, photo.name, photo.content_type, photo.width, photo.height], ['image', 'IMG_0042.jpg', 'image/jpeg', 480, 640], 'turned upright by its EXIF orientation');
  assert.deepEqual([shot.kind, shot.name, shot.width, shot.height], ['image', 'screen.jpg', 400, 100]);
  assert.deepEqual([pdf.kind, pdf.name, pdf.content_type, pdf.size], ['pdf', '紹介状.pdf', 'application/pdf', PDF.length]);

  for (const f of [photo, shot]) {
    for (const url of [f.url, f.thumbnail_url]) {
      const got = await api(url, 'doc');
      assert.equal(got.status, 200, url);
      assert.equal(got.headers.get('content-type'), 'image/jpeg');
      assert.match(got.headers.get('content-disposition'), /^inline; filename\*=UTF-8''/);
      assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
      assert.match(got.headers.get('content-security-policy'), /sandbox/);
      assert.match(got.headers.get('cache-control'), /no-store/);
      assert.equal(got.bytes.subarray(0, 3).toString('hex'), 'ffd8ff');
      for (const secret of ['RENKEI', 'Exif', 'GPS']) assert.ok(!got.bytes.includes(secret), `${url} has no ${secret}`);
    }
  }
  const doc = await api(pdf.url, 'doc');
  assert.equal(doc.status, 200);
  assert.equal(doc.headers.get('content-type'), 'application/pdf');
  assert.match(doc.headers.get('content-disposition'), /^attachment; filename\*=UTF-8''%E7%B4%B9%E4%BB%8B%E7%8A%B6\.pdf$/);
  assert.ok(doc.bytes.equals(PDF), 'a PDF is kept as sent');

  // On disk: outside the database, private, and nothing of the metadata there either.
  const stored = storedFiles(srv.db.files);
  assert.equal(stored.length, 5, 'two photos with their thumbnails, and the PDF');
  for (const f of stored) {
    assert.equal(f.mode, 0o600, f.p);
    assert.ok(!f.bytes.includes('RENKEI-PHONE') && !f.bytes.includes('RENKEI-SECRET'), `${f.p} holds no metadata`);
  }
  assert.equal(sql(srv.db, `SELECT COUNT(*) FROM team_files WHERE patient_id = '${id}'`).trim(), '3');
  // Each view of a file is in the audit log; the page's timeline shows the thumbnails.
  const viewed = sql(srv.db, `SELECT detail FROM audit_log WHERE subject = 'patient:${id}' AND action IN ('patient.viewed', 'patient.thumbnail_viewed') ORDER BY seq`);
  assert.match(viewed, /file IMG_0042\.jpg/);
  assert.match(viewed, /thumbnail screen\.jpg/);
  const page = await (await fetch(`${srv.base}/teams/${id}`, { headers: { authorization: `Bearer ${tokens.doc}` } })).text();
  assert.ok(page.includes(`/teams/${id}/files/${photo.id}/thumb`), 'the timeline shows the thumbnail');
  assert.ok(page.includes('width="240" height="320"'), 'with its box, so the page does not jump');
  assert.ok(page.includes('紹介状.pdf'));
});

test(`only active members read files: everyone else gets the same 404 as a guessed id (${ENGINE})`, async () => {
  const id = await newTeam('doc', '非公開 ハナコ');
  const mine = await newTeam('other', '別チーム サブロウ');
  const r = await api(`/api/v1/teams/${id}/posts`, 'doc', { method: 'POST', body: form({ kind: 'note' }, [['a.jpg', PHOTO, 'image/jpeg'], ['b.pdf', PDF, 'application/pdf']]) });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const [photo, pdf] = (await api(`/api/v1/teams/${id}`, 'doc')).json.posts[0].files;
  const guessed = 'aaaaaaaaaaaaaaaaaaaaaaaaaa';
  const paths = [`/teams/${id}/files/${photo.id}`, `/teams/${id}/files/${photo.id}/thumb`, `/teams/${id}/files/${pdf.id}`,
    `/api/v1/teams/${id}/files/${photo.id}`, `/teams/${id}/files/${guessed}`, `/teams/${guessed}/files/${photo.id}`,
    // a member of another team asking for this team's file through their own team
    `/teams/${mine}/files/${photo.id}`, `/teams/${mine}/files/${photo.id}/thumb`, `/api/v1/teams/${mine}/files/${pdf.id}`];
  for (const who of ['other', 'hubc', 'boss', 'nurse']) {
    for (const p of paths) {
      const got = await fetch(srv.base + p, { headers: { authorization: `Bearer ${tokens[who]}` } });
      const bytes = Buffer.from(await got.arrayBuffer());
      if (who === 'boss') assert.ok([403, 404].includes(got.status), `${who} ${p}: ${got.status}`);
      else assert.equal(got.status, 404, `${who} ${p}: ${got.status}`);
      assert.ok(!bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])) && !bytes.includes('%PDF'), `${who} ${p} gets no bytes of the file`);
    }
  }
  // Invited is not a member; joined is; removed is not again.
  assert.equal((await api(`/api/v1/teams/${id}/members`, 'doc', { method: 'POST', body: { user_id: ids.nurse } })).status, 201);
  assert.equal((await api(photo.url, 'nurse')).status, 404, 'an invitee reads no file');
  assert.equal((await api(`/api/v1/teams/${id}/answer`, 'nurse', { method: 'POST', body: { accept: true } })).status, 200);
  assert.equal((await api(photo.url, 'nurse')).status, 200);
  assert.equal((await api(`/api/v1/teams/${id}/members/${ids.nurse}`, 'doc', { method: 'DELETE' })).status, 200);
  assert.equal((await api(photo.url, 'nurse')).status, 404, 'removal ends access to files at once');
  // An upload to a team one is not on is refused and keeps nothing.
  const before = storedFiles(srv.db.files).length;
  const up = await api(`/api/v1/teams/${id}/posts`, 'other', { method: 'POST', body: form({ kind: 'note', body: '侵入' }, [['x.jpg', PHOTO, 'image/jpeg']]) });
  assert.equal(up.status, 404);
  assert.equal(storedFiles(srv.db.files).length, before, 'the refused upload left no file behind');
});

test(`crafted files are refused with nothing stored (${ENGINE})`, async () => {
  const id = await newTeam('doc', '攻撃 テスト');
  const posts = () => sql(srv.db, `SELECT COUNT(*) FROM team_posts WHERE patient_id = '${id}'`).trim();
  const before = storedFiles(srv.db.files).length;
  const bomb = png(1, 1);
  bomb.writeUInt32BE(30000, 16); bomb.writeUInt32BE(30000, 20);  // 900 megapixels claimed (and the CRC now wrong)
  const cases = [
    ['HTML named as a photo', [['photo.jpg', Buffer.from('<html><script>alert(document.cookie)</script></html>'), 'image/jpeg']], /JPEG・PNG・HEIC/],
    ['SVG with a script', [['x.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml']], /JPEG・PNG・HEIC/],
    ['a cut JPEG', [['cut.jpg', PHOTO.subarray(0, PHOTO.length - 1500), 'image/jpeg']], /壊れているか途中で切れて/],
    ['a pixel bomb', [['bomb.png', bomb, 'image/png']], null],
    ['five files', Array.from({ length: 5 }, (_, i) => [`${i}.pdf`, PDF, 'application/pdf']), /4つまで/],
    ['a PDF over 10 MB', [['big.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'application/pdf']], /大きすぎます/],
    ['one good photo with one bad file', [['ok.jpg', PHOTO, 'image/jpeg'], ['bad.gif', Buffer.from('GIF89a....'), 'image/gif']], /JPEG・PNG・HEIC/],
  ];
  for (const [what, files, error] of cases) {
    const r = await api(`/api/v1/teams/${id}/posts`, 'doc', { method: 'POST', body: form({ kind: 'note', body: what }, files) });
    assert.equal(r.status, 400, `${what}: ${r.status} ${JSON.stringify(r.json)}`);
    assert.equal(r.json.error, 'invalid_argument', what);
    if (error) assert.match(r.json.message, error, what);
  }
  // A body over the route's limit is refused before it is read.
  // (The server answers 413 and closes; the client may see the answer or only the closed connection.)
  const huge = await api(`/api/v1/teams/${id}/posts`, 'doc', { method: 'POST', body: form({ kind: 'note' }, [['huge.pdf', Buffer.alloc(41 * 1024 * 1024), 'application/pdf']]) })
    .catch((e) => ({ status: 'closed', error: e }));
  assert.ok([413, 'closed'].includes(huge.status), `over the limit: ${huge.status}`);
  assert.equal(posts(), '0', 'no post was written');
  assert.equal(storedFiles(srv.db.files).length, before, 'no file was left behind');
});

test(`a backup carries the files and restores them (${ENGINE})`, async () => {
  const id = await newTeam('doc', '控え ジロウ');
  const r = await api(`/api/v1/teams/${id}/posts`, 'doc', { method: 'POST', body: form({ kind: 'note', body: '控えの写真' }, [['p.jpg', PHOTO, 'image/jpeg']]) });
  assert.equal(r.status, 201);
  const photo = (await api(`/api/v1/teams/${id}`, 'doc')).json.posts[0].files[0];
  const original = (await api(photo.url, 'doc')).bytes;

  const work = mkdtempSync(path.join(tmpdir(), 'renkei-files-backup-'));
  try {
    const env = srv.db.kind === 'postgresql' ? { RENKEI_FILES_DIR: srv.db.files } : {};
    const b = srv.cli(['backup', '--out', `${work}/b`, '--key-file', `${work}/key`], { env });
    assert.equal(b.status, 0, b.stderr);
    assert.match(b.stdout, /[1-9]\d* files/);
    const target = freshDatabase();
    const files = path.join(work, 'restored-files');
    const backup = readdirSync(`${work}/b`).find((n) => n.endsWith('.rkbk'));
    const restored = cli(['restore', '--db', target.url, '--from', `${work}/b/${backup}`, '--key-file', `${work}/key`], { env: { RENKEI_FILES_DIR: files } });
    assert.equal(restored.status, 0, restored.stderr);
    const copies = storedFiles(files);
    assert.equal(copies.length, storedFiles(srv.db.files).length, 'every file restored');
    assert.ok(copies.some((c) => c.bytes.equals(original)), 'the photo is back as it was kept');
    // Restoring again over the same files refuses, and removes nothing it did not write.
    const again = cli(['restore', '--db', freshDatabase().url, '--from', `${work}/b/${backup}`, '--key-file', `${work}/key`], { env: { RENKEI_FILES_DIR: files } });
    assert.notEqual(again.status, 0);
    assert.equal(storedFiles(files).length, copies.length);
    target.cleanup();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
