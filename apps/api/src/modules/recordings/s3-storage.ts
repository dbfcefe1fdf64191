// The S3-compatible recording storage (docs/decisions/015-recording-storage.md), through the
// official AWS SDK: AWS S3, MinIO, Aliyun OSS, Tencent COS … The SDK is imported when this storage
// is made (HUIFANG_RECORDINGS_STORAGE=s3), never by a server on the local disk — the production
// bundle keeps these imports dynamic.
import { Readable } from 'node:stream';
import type * as S3 from '@aws-sdk/client-s3';
import type * as LibStorage from '@aws-sdk/lib-storage';
import type { ByteRange } from '@huifang/domain';
import type { RecordingStorageConfig } from '../../config.ts';
import { checkKey, type RecordingStorage } from './storage.ts';

type S3Config = Extract<RecordingStorageConfig, { kind: 's3' }>;

/** The bucket's object for a key is absent: the SDK's own classes, or any 404. */
function isMissing(sdk: typeof S3, error: unknown): boolean {
  return (
    error instanceof sdk.NoSuchKey ||
    error instanceof sdk.NotFound ||
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
  );
}

/** An S3-compatible bucket (AWS S3, MinIO, Aliyun OSS, Tencent COS …) through the official SDK. */
export class S3Storage implements RecordingStorage {
  readonly kind = 's3' as const;
  readonly client: S3.S3Client;
  private constructor(
    readonly config: S3Config,
    private readonly sdk: typeof S3,
    private readonly lib: typeof LibStorage,
  ) {
    this.client = new sdk.S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      forcePathStyle: config.forcePathStyle,
    });
  }

  static async create(config: S3Config): Promise<S3Storage> {
    const [sdk, lib] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage')]);
    return new S3Storage(config, sdk, lib);
  }

  private key(key: string): string {
    return `${this.config.prefix}${checkKey(key)}`;
  }

  async put(key: string, body: Readable, contentType: string): Promise<void> {
    // a multipart upload in parts of 5 MB: the stream's length need not be known, and at most
    // `queueSize` parts are held at once
    await new this.lib.Upload({
      client: this.client,
      params: { Bucket: this.config.bucket, Key: this.key(key), Body: body, ContentType: contentType },
      queueSize: 2,
      partSize: 5 * 1024 * 1024,
    }).done();
  }

  async get(key: string, range?: ByteRange): Promise<Readable | null> {
    try {
      const out = await this.client.send(
        new this.sdk.GetObjectCommand({
          Bucket: this.config.bucket,
          Key: this.key(key),
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      return out.Body instanceof Readable ? out.Body : null;
    } catch (error) {
      if (isMissing(this.sdk, error)) return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(
        new this.sdk.HeadObjectCommand({ Bucket: this.config.bucket, Key: this.key(key) }),
      );
      return true;
    } catch (error) {
      if (isMissing(this.sdk, error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(
      new this.sdk.DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.key(key) }),
    );
  }
}
