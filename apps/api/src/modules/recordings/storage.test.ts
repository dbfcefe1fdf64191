// The recording storage (docs/decisions/015-recording-storage.md): the configuration selects the
// adapter; the local one streams in and out with byte ranges. The S3 one runs against a bucket only
// when HUIFANG_TEST_S3_BUCKET (and HUIFANG_S3_ENDPOINT for MinIO and the like) is set.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { S3Storage } from './s3-storage.ts';
import { LocalDiskStorage, type RecordingStorage, recordingStorage } from './storage.ts';

describe('choosing the recording storage', () => {
  it('is the local disk by default: the data directory, or a temp directory in tests', async () => {
    const prod = loadConfig({ HUIFANG_DATA_DIR: '/srv/huifang' }).recordings;
    expect(prod.storage).toEqual({ kind: 'local', dir: '/srv/huifang/recordings' });
    expect(prod.maxBytes).toBe(50 * 1024 * 1024);
    const test = loadConfig({ NODE_ENV: 'test' }).recordings.storage;
    expect(test.kind === 'local' && test.dir.startsWith(os.tmpdir())).toBe(true);
    const own = loadConfig({
      HUIFANG_RECORDINGS_DIR: '/mnt/audio',
      HUIFANG_RECORDING_MAX_MB: '200',
    }).recordings;
    expect(own).toEqual({ maxBytes: 200 * 1024 * 1024, storage: { kind: 'local', dir: '/mnt/audio' } });
    expect(await recordingStorage(own.storage)).toBeInstanceOf(LocalDiskStorage);
  });

  it('is an S3-compatible bucket when configured, with its endpoint and path style', async () => {
    const cfg = loadConfig({
      HUIFANG_RECORDINGS_STORAGE: 's3',
      HUIFANG_S3_BUCKET: 'huifang-audio',
      HUIFANG_S3_ENDPOINT: 'http://minio.local:9000',
      HUIFANG_S3_FORCE_PATH_STYLE: '1',
      HUIFANG_S3_REGION: 'cn-north-1',
    }).recordings.storage;
    expect(cfg).toEqual({
      kind: 's3',
      bucket: 'huifang-audio',
      region: 'cn-north-1',
      endpoint: 'http://minio.local:9000',
      forcePathStyle: true,
      prefix: 'recordings/',
    });
    expect(await recordingStorage(cfg)).toBeInstanceOf(S3Storage);
  });

  it('refuses an S3 storage without a bucket, and an unknown kind', () => {
    expect(() => loadConfig({ HUIFANG_RECORDINGS_STORAGE: 's3' })).toThrow(/HUIFANG_S3_BUCKET/);
    expect(() => loadConfig({ HUIFANG_RECORDINGS_STORAGE: 'ftp' })).toThrow(/local or s3/);
  });
});

async function roundTrip(storage: RecordingStorage, key: string) {
  const bytes = Buffer.from('0123456789'.repeat(100));
  // in chunks, as an upload arrives
  await storage.put(key, Readable.from([bytes.subarray(0, 300), bytes.subarray(300)]), 'audio/wav');
  expect(await storage.exists(key)).toBe(true);
  expect(await text((await storage.get(key))!)).toBe(bytes.toString());
  expect(await text((await storage.get(key, { start: 10, end: 14 }))!)).toBe('01234');
  await storage.delete(key);
  expect(await storage.exists(key)).toBe(false);
  expect(await storage.get(key)).toBeNull();
  await storage.delete(key); // deleting what is gone is no error
}

describe('LocalDiskStorage', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hf-rec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const storage = new LocalDiskStorage(dir);

  it('writes, reads whole or a range, and deletes', async () => {
    await roundTrip(storage, 'org-1/a.wav');
  });

  it('leaves nothing behind when the upload stream fails', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(100));
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(storage.put('org-1/broken.wav', failing, 'audio/wav')).rejects.toThrow('connection lost');
    expect(await storage.exists('org-1/broken.wav')).toBe(false);
    expect(readdirSync(path.join(dir, 'org-1'))).toEqual([]);
  });

  it('refuses keys that climb out of its directory', async () => {
    await expect(storage.get('../etc/passwd')).rejects.toThrow(/not a storage key/);
    await expect(storage.get('a/../../b')).rejects.toThrow(/not a storage key/);
  });
});

describe.skipIf(!process.env.HUIFANG_TEST_S3_BUCKET)('S3Storage against a real bucket', () => {
  it('writes, reads whole or a range, and deletes', async () => {
    const cfg = loadConfig({
      ...process.env,
      HUIFANG_RECORDINGS_STORAGE: 's3',
      HUIFANG_S3_BUCKET: process.env.HUIFANG_TEST_S3_BUCKET,
    }).recordings.storage;
    await roundTrip(await recordingStorage(cfg), `test/${Date.now().toString(36)}.wav`);
  });
});
