// In Chromium: a new administrator logs in, changes the initial password, enrols two-factor with an
// authenticator code, keeps the recovery codes, logs out, logs in again with a code and sees the home
// page. Screenshots go to test-results/e2e/ (CI keeps them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, totp } from '../api/harness.mjs';

const SHOTS = path.resolve('test-results/e2e');
let srv, context, profile;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startServer();
  const r = srv.cli(['user', 'add', '--login', 'e2eadmin', '--role', 'admin', '--name', '連携 管理者'], { input: 'first-password-1\n' });
  assert.equal(r.status, 0, r.stderr);
  profile = mkdtempSync(path.join(tmpdir(), 'renkei-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1100, height: 800 },
    locale: 'ja-JP',
  });
});

after(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
  await srv?.stop();
});

test('enrol two-factor, log out, log in with a code, see the home page', async () => {
  const page = await context.newPage();
  await page.goto(srv.base + '/');
  await page.waitForURL(/\/login/);
  await page.screenshot({ path: path.join(SHOTS, '01-login.png'), fullPage: true });
  await page.getByLabel('ログインID').fill('e2eadmin');
  await page.getByLabel('パスワード').fill('first-password-1');
  await page.getByRole('button', { name: 'ログインする' }).click();

  await page.waitForURL(/\/account\/password/);
  await page.getByLabel('いまのパスワード').fill('first-password-1');
  await page.getByLabel('新しいパスワード', { exact: true }).fill('my-own-password-2');
  await page.getByLabel('新しいパスワード（確認のためもう一度）').fill('my-own-password-2');
  await page.screenshot({ path: path.join(SHOTS, '02-password.png'), fullPage: true });
  await page.getByRole('button', { name: 'パスワードを変更する' }).click();

  await page.waitForURL(/\/account\/mfa\/setup/);
  await assert.doesNotReject(page.locator('.qr svg').waitFor());
  await page.screenshot({ path: path.join(SHOTS, '03-enrol.png'), fullPage: true });
  const secret = await page.locator('#totp-secret').getAttribute('data-secret');
  await page.getByLabel('確認コード').fill(totp(secret));
  await page.getByRole('button', { name: '二段階認証を有効にする' }).click();

  await page.locator('#recovery-codes').waitFor();
  assert.equal(await page.locator('#recovery-codes li').count(), 10);
  await page.screenshot({ path: path.join(SHOTS, '04-recovery-codes.png'), fullPage: true });
  await page.getByRole('link', { name: '控えたので次へ進む' }).click();
  await page.waitForURL(srv.base + '/');
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await page.waitForURL(/\/login\?notice=logged_out/);
  assert.match(await page.locator('.notice').innerText(), /ログアウトしました/);

  await page.getByLabel('ログインID').fill('e2eadmin');
  await page.getByLabel('パスワード').fill('my-own-password-2');
  await page.getByRole('button', { name: 'ログインする' }).click();
  await page.waitForURL(/\/login\/mfa/);
  await page.screenshot({ path: path.join(SHOTS, '05-code-prompt.png'), fullPage: true });
  // The next step's code: the current one was spent at enrolment, and a spent code is refused.
  await page.getByLabel('確認コード').fill(totp(secret, 1));
  await page.getByRole('button', { name: '確認する' }).click();
  await page.waitForURL(srv.base + '/');
  assert.match(await page.locator('h1').innerText(), /連携 管理者/);
  assert.match(await page.locator('main').innerText(), /二段階認証：有効/);
  await page.screenshot({ path: path.join(SHOTS, '06-home.png'), fullPage: true });

  await page.getByRole('link', { name: '監査ログ' }).first().click();
  await page.waitForURL(/\/admin\/audit/);
  assert.match(await page.locator('table.audit').innerText(), /user\.mfa_enrolled/);
  await page.screenshot({ path: path.join(SHOTS, '07-audit.png'), fullPage: true });
  await page.close();
});

test('on a phone, the login page fits the screen and larger text can be chosen', async () => {
  await context.clearCookies();  // a visitor who is not logged in
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(srv.base + '/login');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, 'no sideways scrolling');
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  assert.ok(before >= 16);
  // Each preference is a form post that comes back to this page.
  const reloadAfter = async (name) => {
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/login') && r.status() === 200), page.getByRole('button', { name }).click()]);
    await page.waitForLoadState('load');
  };
  await reloadAfter('文字を大きく');
  assert.equal(await page.locator('html').getAttribute('class'), 'text-large');
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  assert.ok(after > before);
  await reloadAfter('English');
  assert.equal(await page.locator('h1').innerText(), 'Log in');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.screenshot({ path: path.join(SHOTS, '08-phone-login-en-large.png'), fullPage: true });
  await page.close();
});
