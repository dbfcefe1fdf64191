// Contracts of call recordings (回访录音, docs/rules.md#r-rec-1-recording-files): a visit's caller or
// an integration uploads the audio; supervisors, the caller, the team's lead and managers listen,
// each access audited (R-REC-5).
import { z } from 'zod';
import { API_KEY_SCOPES, RECORDING_ACCESS_REASONS, RECORDING_FORMATS } from './values.ts';

export const ZRecordingFormat = z.enum(RECORDING_FORMATS);
export type TRecordingFormat = z.infer<typeof ZRecordingFormat>;
export const ZRecordingAccessReason = z.enum(RECORDING_ACCESS_REASONS);
export type TRecordingAccessReason = z.infer<typeof ZRecordingAccessReason>;
export const ZApiKeyScope = z.enum(API_KEY_SCOPES);
export type TApiKeyScope = z.infer<typeof ZApiKeyScope>;

const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZRecording = z.object({
  id: z.string(),
  visitId: z.string(),
  fileName: z.string(),
  format: ZRecordingFormat,
  contentType: z.string(),
  sizeBytes: z.number().int(),
  /** the uploader; null when an integration uploaded it (`integration` names the key) */
  uploadedBy: ZPerson.nullable(),
  integration: z.string().nullable(),
  createdAt: z.string(),
  /** where the player fetches the audio (GET, Range requests answered) */
  audioUrl: z.string(),
  /** the viewer may delete or replace it now (R-REC-4) */
  mayChange: z.boolean(),
});
export type TRecording = z.infer<typeof ZRecording>;

/** GET /recordings?visitId= */
export const ZRecordingListQuery = z.object({ visitId: z.uuid() });
export const ZRecordingList = z.object({
  items: z.array(ZRecording),
  /** the viewer may upload a recording to this visit */
  mayUpload: z.boolean(),
  /** the largest file accepted, in bytes */
  maxBytes: z.number().int(),
});
export type TRecordingList = z.infer<typeof ZRecordingList>;

/** POST /recordings: the visit in the query, the file in the multipart field `file`. */
export const ZRecordingUploadQuery = z.object({
  visitId: z.uuid(),
  /** replace this recording (the uploader's own, while allowed) instead of adding one */
  replaces: z.uuid().optional(),
});
