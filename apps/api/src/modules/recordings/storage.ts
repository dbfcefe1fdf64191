// Where call recordings' audio is kept (docs/decisions/015-recording-storage.md): one interface,
// a local-disk implementation by default and an S3-compatible one by configuration. Audio streams
// in and out; no implementation holds a whole file in memory.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ByteRange } from '@huifang/domain';
import type { RecordingStorageConfig } from '../../config.ts';

export interface RecordingStorage {
  readonly kind: 'local' | 's3';
  /** Stores `body` under `key` (written whole or not at all). */
  put(key: string, body: Readable, contentType: string): Promise<void>;
  /** The bytes of `range` (inclusive; the whole object without one), or null when there is no such object. */
  get(key: string, range?: ByteRange): Promise<Readable | null>;
  /** Whether an object is stored under `key`. */
  exists(key: string): Promise<boolean>;
  /** Removes the object; nothing happens when there is none. */
  delete(key: string): Promise<void>;
}

/** Keys are `<organisation>/<recording>.<ext>`: letters, digits, dashes, dots and slashes, never `..`. */
export function checkKey(key: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(key) || key.split('/').includes('..'))
    throw new Error(`not a storage key: ${key}`);
  return key;
}

/** Files under one directory; each upload is written to a temporary name and renamed when complete. */
export class LocalDiskStorage implements RecordingStorage {
  readonly kind = 'local' as const;
  constructor(readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, ...checkKey(key).split('/'));
  }

  async put(key: string, body: Readable, _contentType?: string): Promise<void> {
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}.${process.pid}.${randomUUID()}.part`;
    try {
      await pipeline(body, createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable | null> {
    const file = this.file(key);
    if (!(await this.exists(key))) return null;
    return createReadStream(file, range ? { start: range.start, end: range.end } : {});
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.file(key))).isFile();
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}

/**
 * The storage the configuration names (HUIFANG_RECORDINGS_STORAGE). The AWS SDK is loaded only
 * when S3 is chosen, so a server on the local disk does not pay for it at start-up.
 */
export async function recordingStorage(config: RecordingStorageConfig): Promise<RecordingStorage> {
  if (config.kind === 'local') return new LocalDiskStorage(config.dir);
  const { S3Storage } = await import('./s3-storage.ts');
  return S3Storage.create(config);
}
