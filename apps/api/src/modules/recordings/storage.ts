// Where call recordings' audio is kept (docs/decisions/031-recording-storage.md): one interface,
// a local-disk implementation by default and an S3-compatible one by configuration. Audio streams
// in and out; no implementation holds a whole file in memory.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
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
function checkKey(key: string): string {
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
    const partial = `${target}.${process.pid}.${Date.now().toString(36)}.part`;
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

/** An S3-compatible bucket (AWS S3, MinIO, Aliyun OSS, Tencent COS …) through the official SDK. */
export class S3Storage implements RecordingStorage {
  readonly kind = 's3' as const;
  readonly client: S3Client;
  constructor(readonly config: Extract<RecordingStorageConfig, { kind: 's3' }>) {
    this.client = new S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      forcePathStyle: config.forcePathStyle,
    });
  }

  private key(key: string): string {
    return `${this.config.prefix}${checkKey(key)}`;
  }

  async put(key: string, body: Readable, contentType: string): Promise<void> {
    // a multipart upload in parts of 5 MB: the stream's length need not be known, and at most
    // `queueSize` parts are held at once
    await new Upload({
      client: this.client,
      params: { Bucket: this.config.bucket, Key: this.key(key), Body: body, ContentType: contentType },
      queueSize: 2,
      partSize: 5 * 1024 * 1024,
    }).done();
  }

  async get(key: string, range?: ByteRange): Promise<Readable | null> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.config.bucket,
          Key: this.key(key),
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      return out.Body instanceof Readable ? out.Body : null;
    } catch (error) {
      if (error instanceof NoSuchKey || error instanceof NotFound) return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.key(key) }));
      return true;
    } catch (error) {
      if (error instanceof NotFound || error instanceof NoSuchKey) return false;
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
        return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.key(key) }));
  }
}

/** The storage the configuration names (HUIFANG_RECORDINGS_STORAGE). */
export function recordingStorage(config: RecordingStorageConfig): RecordingStorage {
  return config.kind === 's3' ? new S3Storage(config) : new LocalDiskStorage(config.dir);
}
