// The S3-compatible recording storage (docs/decisions/015-recording-storage.md), through the
// official AWS SDK: AWS S3, MinIO, Aliyun OSS, Tencent COS … Loaded only when configured.
import { Readable } from 'node:stream';
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
import { checkKey, type RecordingStorage } from './storage.ts';

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
