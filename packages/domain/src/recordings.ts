// Call recordings (回访录音, docs/rules.md#r-rec-1-recording-files): which files are audio, who may
// listen and why, who may still change one, which byte range the player asked for, and when a
// listen is audited again.
import type { TRole } from '@huifang/contracts';
import {
  type RECORDING_ACCESS_REASONS,
  type RECORDING_FORMATS,
  RECORDING_LISTEN_AUDIT_MINUTES,
} from '@huifang/contracts/values';

export type RecordingFormat = (typeof RECORDING_FORMATS)[number];
export type RecordingAccessReason = (typeof RECORDING_ACCESS_REASONS)[number];

/** How many leading bytes `sniffAudioFormat` needs to decide. */
export const AUDIO_SNIFF_BYTES = 64;

const ascii = (b: Uint8Array, at: number, text: string) => {
  if (b.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

/** The ISO-BMFF brands of audio-only MPEG-4 files (.m4a, .m4b) and the generic ones encoders write. */
const MP4_BRANDS = [
  'M4A ',
  'M4B ',
  'mp41',
  'mp42',
  'isom',
  'iso2',
  'iso4',
  'iso5',
  'iso6',
  'dash',
  '3gp4',
  '3gp5',
  '3gp6',
];

/**
 * The audio format of a file by its first bytes (R-REC-1), never by its name or declared type:
 * WAV (RIFF…WAVE), OGG (OggS: Opus or Vorbis), WebM (EBML with the webm doc type), M4A (an ISO-BMFF
 * `ftyp` box with an audio or generic brand), MP3 (an ID3 tag or an MPEG audio frame header), AAC
 * (an ADTS frame header). Anything else: null.
 */
export function sniffAudioFormat(head: Uint8Array): RecordingFormat | null {
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return 'WAV';
  if (ascii(head, 0, 'OggS')) return 'OGG';
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) {
    for (let i = 4; i + 4 <= Math.min(head.length, AUDIO_SNIFF_BYTES); i++)
      if (ascii(head, i, 'webm')) return 'WEBM';
    return null;
  }
  if (ascii(head, 4, 'ftyp')) {
    const brand = String.fromCharCode(...head.subarray(8, 12));
    return MP4_BRANDS.includes(brand) ? 'M4A' : null;
  }
  if (ascii(head, 0, 'ID3')) return 'MP3';
  const b0 = head[0];
  const b1 = head[1];
  if (b0 === 0xff && b1 !== undefined && (b1 & 0xe0) === 0xe0) {
    const version = (b1 >> 3) & 0b11; // 01 is reserved
    const layer = (b1 >> 1) & 0b11; // 00: ADTS (AAC) when the version bits say MPEG-2/4
    if (layer === 0 && (b1 & 0xf0) === 0xf0) return 'AAC';
    if (layer !== 0 && version !== 0b01) {
      const b2 = head[2];
      // bitrate index 1111 and sample-rate index 11 are invalid in an MPEG audio frame header
      if (b2 !== undefined && b2 >> 4 !== 0b1111 && ((b2 >> 2) & 0b11) !== 0b11) return 'MP3';
    }
  }
  return null;
}

export interface RecordingViewer {
  id: string;
  role: TRole;
  teamId: string | null;
}

/**
 * Why this viewer may listen to a visit's recording, or null (R-REC-3): a supervisor inspects, a
 * manager manages, the caller made the visit, a lead leads the team the caller is in.
 */
export function recordingAccess(
  viewer: RecordingViewer,
  visit: { callerId: string; callerTeamId: string | null },
): RecordingAccessReason | null {
  if (viewer.role === 'SUPERVISOR') return 'INSPECTION';
  if (viewer.role === 'MANAGER') return 'MANAGEMENT';
  if (viewer.role === 'CALLER' && viewer.id === visit.callerId) return 'OWN_VISIT';
  if (viewer.role === 'LEAD' && viewer.teamId !== null && viewer.teamId === visit.callerTeamId)
    return 'TEAM_LEAD';
  return null;
}

/**
 * The uploader may delete or replace a recording until the visit is taken for inspection (R-REC-4):
 * from then on it is the evidence the inspection is scored on. An integration's upload is changed
 * by no one in the app.
 */
export function mayChangeRecording(
  viewerId: string,
  recording: { uploadedById: string | null; deleted: boolean },
  visitInspected: boolean,
): boolean {
  return !recording.deleted && !visitInspected && recording.uploadedById === viewerId;
}

/**
 * A visit has a recording when its text reference is filled in or an audio file is uploaded
 * (R-REC-6): the inspection method then defaults to listening to it.
 */
export function visitHasRecording(recordingRef: string | null, uploadedCount: number): boolean {
  return (recordingRef !== null && recordingRef.trim() !== '') || uploadedCount > 0;
}

export type ByteRange = { start: number; end: number };

/**
 * The byte range a `Range` header asks of a file of `size` bytes (RFC 9110 §14): null for the
 * whole file (no header, another unit, several ranges — a server may answer those whole), or
 * 'unsatisfiable' (416) when the range starts past the end.
 */
export function requestedRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header.trim());
  if (!m) return null;
  const [, from, to] = m;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  if (!Number.isSafeInteger(start) || start >= size) return 'unsatisfiable';
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (end < start) return null;
  return { start, end };
}

/**
 * The instant from which an earlier audit row of the same listener and recording counts for this
 * access (R-REC-5): one row per listener, recording and RECORDING_LISTEN_AUDIT_MINUTES.
 */
export function listenAuditedSince(now: Date): Date {
  return new Date(now.getTime() - RECORDING_LISTEN_AUDIT_MINUTES * 60_000);
}
