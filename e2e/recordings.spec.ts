import { expect, type Page, test } from './fixtures';
import { confirmDialog, login, scrollToShow, signInEnglish, switchToEnglish, switchUser } from './helpers';

// caller4 (zh-CN) and caller5 (English), team 2: their newest uninspected phone records are this spec's own.
const SHOTS = '/work/shots/recordings';

/** A WAV of `seconds` of a 440 Hz tone, 8 kHz 16-bit mono: small, valid, playable. */
function toneWav(seconds = 3): Buffer {
  const rate = 8000;
  const data = Buffer.alloc(rate * seconds * 2);
  for (let i = 0; i < rate * seconds; i++)
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000), i * 2);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVEfmt ', 8, 'ascii');
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(1, 22);
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * 2, 28);
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36, 'ascii');
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

/** The signed-in caller's newest completed phone record that no inspection has taken. */
async function uninspectedRecord(page: Page): Promise<{ id: string; taskId: string }> {
  const res = await page.request.get('/api/visits', { params: { outcome: 'COMPLETED', size: 20 } });
  expect(res.ok()).toBe(true);
  const { items } = (await res.json()) as { items: { id: string; taskId: string; channel: string }[] };
  for (const v of items) {
    if (v.channel !== 'PHONE') continue;
    const rec = await page.request.get('/api/recordings', { params: { visitId: v.id } });
    if (rec.ok() && (await rec.json()).items.length === 0) return v;
  }
  throw new Error('no completed phone record without a recording');
}

const T = {
  'zh-CN': {
    uploaded: '录音已上传',
    notAudio: '这不是可识别的音频文件',
    title: '通话录音',
    method: '听取录音',
    save: '草稿已保存',
    submit: /^提\s*交$/,
    submitted: '质检结果已提交',
  },
  en: {
    uploaded: 'Recording uploaded',
    notAudio: 'This is not an audio file we recognise',
    title: 'Call recordings',
    method: 'Recording review',
    save: 'Draft saved',
    submit: /^Submit$/,
    submitted: 'Inspection submitted',
  },
} as const;

for (const [lang, caller, fileName] of [
  ['zh-CN', 'caller4@demo.local', '回访录音-赵静.wav'],
  ['en', 'caller5@demo.local', 'call-sun-lei.wav'],
] as const) {
  const txt = T[lang];
  test(`${lang}: a caller uploads a recording on a record; a supervisor plays it while scoring; the listen is in the audit log`, async ({
    page,
  }) => {
    // ── the caller, on the record page
    await login(page, caller);
    if (lang === 'en') await switchToEnglish(page);
    const record = await uninspectedRecord(page);
    await page.goto(`/workbench/tasks/${record.taskId}`);
    const block = page.locator(`[data-testid="visit-recordings"][data-visit-id="${record.id}"]`);
    await expect(block).toBeVisible();
    await expect(block).toContainText(txt.title);
    const input = block.locator('input[type="file"]').first();
    // a text file called .mp3 is refused by its content
    await input.setInputFiles({
      name: 'fake.mp3',
      mimeType: 'audio/mpeg',
      buffer: Buffer.from('not audio at all'),
    });
    await expect(page.locator('.ant-message').getByText(txt.notAudio)).toBeVisible();
    await expect(block.getByTestId('recording')).toHaveCount(0);
    // the real one
    await input.setInputFiles({ name: fileName, mimeType: 'audio/wav', buffer: toneWav() });
    await expect(page.locator('.ant-message').getByText(txt.uploaded)).toBeVisible();
    await expect(block.getByTestId('recording')).toHaveCount(1);
    await expect(block.getByTestId('recording')).toContainText(fileName);
    await page.setViewportSize({ width: 1440, height: 900 });
    await scrollToShow(block);
    await page.screenshot({ path: `${SHOTS}/record-${lang}-1440.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await scrollToShow(block);
    await page.screenshot({ path: `${SHOTS}/record-${lang}-390.png` });
    await page.setViewportSize({ width: 1280, height: 720 });

    // ── a supervisor takes the record for inspection and plays it while scoring
    if (lang === 'en') await signInEnglish(page, 'supervisor@demo.local');
    else await switchUser(page, 'supervisor@demo.local');
    const made = await page.request.post('/api/inspections', { data: { visitId: record.id } });
    expect(made.status(), await made.text()).toBe(201);
    const inspection = (await made.json()) as { id: string; method: string };
    // an uploaded file makes listening the default method (R-REC-6)
    expect(inspection.method).toBe('RECORDING_REVIEW');
    await page.goto(`/inspections/${inspection.id}`);
    await page.getByTestId('inspection-start').click();
    const form = page.getByTestId('scoring-form');
    await expect(form).toBeVisible();
    await expect(page.getByTestId('inspection-method')).toContainText(txt.method);
    const player = page.getByTestId('inspection-recordings').getByTestId('recording-player');
    await expect(player).toBeVisible();
    await expect(page.getByTestId('inspection-recordings')).toContainText(fileName);

    // play: the browser fetches the audio by ranges and plays it
    const audioAnswer = page.waitForResponse((r) =>
      /\/api\/recordings\/[^/]+\/audio$/.test(new URL(r.url()).pathname),
    );
    await player.evaluate((el: HTMLAudioElement) => {
      el.muted = true; // muted media may play without a gesture
      return el.play();
    });
    const answer = await audioAnswer;
    expect([200, 206]).toContain(answer.status());
    expect(answer.headers()['content-type']).toBe('audio/wav');
    await expect
      .poll(() => player.evaluate((el: HTMLAudioElement) => ({ ready: el.readyState, t: el.currentTime })), {
        timeout: 15_000,
      })
      .toMatchObject({ ready: expect.any(Number) });
    await expect
      .poll(() => player.evaluate((el: HTMLAudioElement) => el.readyState))
      .toBeGreaterThanOrEqual(2);
    await expect.poll(() => player.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(0);
    expect(await player.evaluate((el: HTMLAudioElement) => el.duration)).toBeCloseTo(3, 0);

    // scoring beside it
    const scores = form.getByRole('spinbutton');
    const n = await scores.count();
    // full marks on every item (a low score would ask for a comment)
    for (let i = 0; i < n; i++)
      await scores.nth(i).fill((await scores.nth(i).getAttribute('aria-valuemax')) ?? '10');
    await page.getByTestId('inspection-save').click();
    await expect(page.getByText(txt.save)).toBeVisible();
    // still playing (or played through) while the form was filled
    expect(await player.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `${SHOTS}/inspection-${lang}-1440.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('inspection-recordings').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/inspection-${lang}-390.png` });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('inspection-submit').click();
    await confirmDialog(page, txt.submit);
    await expect(page.getByText(txt.submitted)).toBeVisible();

    // ── the listen is in the audit log: who, when, which recording — one row for the whole playback
    const recId = await page
      .getByTestId('inspection-recordings')
      .getByTestId('recording')
      .getAttribute('data-recording-id');
    if (lang === 'en') await signInEnglish(page, 'admin@demo.local');
    else await switchUser(page, 'admin@demo.local');
    const log = await page.request.get('/api/audit-log', {
      params: { entity: 'VisitRecording', entityId: recId!, action: 'RECORDING_LISTEN' },
    });
    const rows = (await log.json()).items as Array<{ actorName: string; after: { reason: string } }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ after: { reason: 'INSPECTION' } });
    await page.goto('/admin/audit');
    await page.getByRole('searchbox').nth(1).fill('RECORDING_LISTEN');
    await page.getByRole('searchbox').nth(1).press('Enter');
    const row = page.locator('tr.ant-table-row', { hasText: recId! });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(lang === 'en' ? 'RECORDING_LISTEN' : 'RECORDING_LISTEN');
    await expect(row).toContainText(rows[0]!.actorName);
  });
}

test('zh-CN: a caller attaches the recording in the visit form; it is uploaded with the record', async ({
  page,
}) => {
  await login(page, 'caller4@demo.local');
  const res = await page.request.get('/api/tasks', { params: { status: 'PENDING', size: 50 } });
  expect(res.ok()).toBe(true);
  const task = ((await res.json()).items as { id: string; channel: string }[]).find(
    (x) => x.channel === 'PHONE',
  );
  expect(task, 'caller4 has an open phone task in the demo data').toBeTruthy();
  await page.goto(`/workbench/tasks/${task!.id}`);
  const form = page.getByTestId('visit-form');
  await expect(form).toBeVisible();
  await page.getByTestId('outcome').getByText('未接通', { exact: true }).click();
  await form.locator('input[type="file"]').setInputFiles({
    name: '未接通-振铃.wav',
    mimeType: 'audio/wav',
    buffer: toneWav(1),
  });
  await expect(form).toContainText('未接通-振铃.wav');
  await page.getByTestId('save-visit').click();
  await expect(page.locator('.ant-message').getByText('录音已上传')).toBeVisible();
  await page.goto(`/workbench/tasks/${task!.id}`);
  const last = page.getByTestId('task-record').last();
  await expect(last.getByTestId('recording')).toHaveCount(1);
  await expect(last.getByTestId('recording')).toContainText('未接通-振铃.wav');
});

test('zh-CN: an administrator makes a key for the phone system with the recordings scope only; it uploads a recording', async ({
  page,
  baseURL,
}) => {
  await login(page, 'admin@demo.local');
  await page.goto('/admin/api-keys');
  await page.getByTestId('key-add').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('key-name').fill('呼叫中心录音');
  const scopes = dialog.getByTestId('key-scopes');
  await scopes.getByText('上传通话录音').click();
  await scopes.getByText('推送客户事件').click();
  await dialog.getByTestId('key-make').click();
  const key = ((await dialog.getByTestId('key-secret').textContent()) ?? '').trim();
  await dialog.getByTestId('key-done').click();
  const row = page.getByTestId('key-table').locator('tbody tr.ant-table-row', { hasText: '呼叫中心录音' });
  await expect(row).toContainText('上传通话录音');
  await expect(row).not.toContainText('推送客户事件');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}/api-keys-zh-CN-1440.png` });
  await page.setViewportSize({ width: 1280, height: 720 });

  // the phone system, with the key only: a caller's record gets its recording
  const visits = await page.request.get('/api/visits', { params: { outcome: 'COMPLETED', size: 1 } });
  const visitId = ((await visits.json()).items as { id: string }[])[0]!.id;
  const { request } = await import('@playwright/test');
  const pbx = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
  const up = await pbx.post(`/api/recordings?visitId=${visitId}`, {
    multipart: { file: { name: 'pbx-20260318-0042.wav', mimeType: 'audio/wav', buffer: toneWav(1) } },
  });
  expect(up.status(), await up.text()).toBe(201);
  expect(await up.json()).toMatchObject({ uploadedBy: null, integration: '呼叫中心录音' });
  // and nothing else
  expect((await pbx.get(`/api/recordings?visitId=${visitId}`)).status()).toBe(403);
  await pbx.dispose();
});
