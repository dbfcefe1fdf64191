import {
  RECORDING_FORMATS,
  ZErrorBody,
  ZRecording,
  ZRecordingList,
  ZRecordingListQuery,
  ZRecordingUploadQuery,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, systemActor } from '../../lib/actor.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import {
  audioTooLarge,
  deleteRecording,
  listRecordings,
  openAudio,
  type Uploader,
  unsupportedAudio,
  uploadRecording,
} from './service.ts';
import { recordingStorage } from './storage.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const writeErrors = { ...errors, 409: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody, 422: ZErrorBody };

/** Call recordings (docs/api.md#recordings, docs/rules.md#r-rec-1-recording-files). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;
  const { maxBytes } = app.config.recordings;
  const storage = await recordingStorage(app.config.recordings.storage);

  app.get(
    '/recordings',
    {
      config: { permission: 'recording:listen' },
      schema: {
        tags: ['recordings'],
        summary:
          "A visit record's recordings, oldest first, with whether the viewer may upload or change them",
        description:
          "Supervisors, managers, the caller who made the visit and the lead of the caller's team (R-REC-3); 403 for others, 404 for an unknown visit.",
        querystring: ZRecordingListQuery,
        response: { 200: ZRecordingList, ...errors },
      },
    },
    async (req) => listRecordings(prisma, actorOf(req), req.query.visitId, maxBytes),
  );

  app.post(
    '/recordings',
    {
      config: { permission: 'recording:upload', integration: 'RECORDINGS' },
      schema: {
        tags: ['recordings'],
        summary: 'Upload the call recording of a visit record (multipart field `file`)',
        description: `The caller who made the visit, or an integration key with the RECORDINGS scope. Audio only, recognised by its first bytes whatever its name: ${RECORDING_FORMATS.join(', ')} (415 otherwise); at most HUIFANG_RECORDING_MAX_MB (default 50 MB; 422 FILE_TOO_LARGE). The file streams to the recording storage. \`replaces\`: the uploader's recording it takes the place of, while the visit is not taken for inspection (422 RECORDING_UNDER_INSPECTION).`,
        consumes: ['multipart/form-data'],
        querystring: ZRecordingUploadQuery,
        response: { 201: ZRecording, ...writeErrors },
      },
    },
    async (req, reply) => {
      const key = req.integration;
      const who: Uploader = key
        ? { actor: systemActor(key.organizationId, req.now, `api-key:${key.keyId}`), apiKeyId: key.keyId }
        : { actor: actorOf(req) };
      if (!req.isMultipart()) throw unsupportedAudio();
      const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } }).catch((error: unknown) => {
        throw invalid('The upload is not a readable multipart body', [
          { path: 'file', message: error instanceof Error ? error.message : 'unreadable' },
        ]);
      });
      if (!part) throw invalid('No file was sent', [{ path: 'file', message: 'required' }]);
      try {
        const created = await uploadRecording(
          prisma,
          storage,
          who,
          req.query.visitId,
          { fileName: part.filename, stream: part.file, truncated: () => part.file.truncated },
          { maxBytes, replaces: req.query.replaces },
        );
        return reply.status(201).send(created);
      } catch (error) {
        // the rest of the file is read and dropped, so the answer reaches the client
        part.file.resume();
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw audioTooLarge(maxBytes);
        throw error;
      }
    },
  );

  app.get(
    '/recordings/:id/audio',
    {
      config: { permission: 'recording:listen' },
      schema: {
        tags: ['recordings'],
        summary: "A recording's audio, whole or the byte range asked for (Range: bytes=…), for the player",
        description:
          'Answers 206 with Content-Range for a single byte range, 200 with Accept-Ranges otherwise, 416 past the end; Content-Type is the format read from the file. Every listen is audited (RECORDING_LISTEN): one row per listener and recording within 10 minutes, however many range requests one playback makes (R-REC-5).',
        params: z.object({ id: z.uuid() }),
        produces: ['audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/wav', 'audio/ogg', 'audio/webm'],
        response: {
          200: z.any().describe('the audio'),
          206: z.any().describe('the byte range'),
          ...errors,
          416: ZErrorBody,
        },
      },
    },
    async (req, reply) => {
      try {
        const audio = await openAudio(prisma, storage, actorOf(req), req.params.id, req.headers.range);
        return reply.status(audio.status).headers(audio.headers).send(audio.body);
      } catch (error) {
        if (error instanceof AppError && error.status === 416) {
          void reply.header('content-range', `bytes */${(error.details as { size: number }).size}`);
        }
        throw error;
      }
    },
  );

  app.delete(
    '/recordings/:id',
    {
      config: { permission: 'recording:upload' },
      schema: {
        tags: ['recordings'],
        summary: 'Delete a recording: its uploader, while the visit is not taken for inspection (R-REC-4)',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (req, reply) => {
      await deleteRecording(prisma, storage, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};
export default routes;
