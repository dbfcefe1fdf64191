import { describe, expect, it } from 'vitest';
import {
  listenAuditedSince,
  mayChangeRecording,
  recordingAccess,
  requestedRange,
  sniffAudioFormat,
  visitHasRecording,
} from './recordings.ts';

const bytes = (...parts: Array<string | number[]>) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffAudioFormat (R-REC-1)', () => {
  it('recognises each audio format by its first bytes', () => {
    expect(sniffAudioFormat(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBe('WAV');
    expect(sniffAudioFormat(bytes('OggS', [0, 2]))).toBe('OGG');
    expect(sniffAudioFormat(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm'))).toBe('WEBM');
    expect(sniffAudioFormat(bytes([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0]))).toBe('M4A');
    expect(sniffAudioFormat(bytes([0, 0, 0, 0x1c], 'ftypisom'))).toBe('M4A');
    expect(sniffAudioFormat(bytes('ID3', [4, 0, 0]))).toBe('MP3');
    expect(sniffAudioFormat(bytes([0xff, 0xfb, 0x90, 0x64]))).toBe('MP3'); // MPEG-1 layer III, 128 kbit/s, 44.1 kHz
    expect(sniffAudioFormat(bytes([0xff, 0xf3, 0x48, 0xc4]))).toBe('MP3'); // MPEG-2 layer III
    expect(sniffAudioFormat(bytes([0xff, 0xf1, 0x50, 0x80]))).toBe('AAC'); // ADTS, MPEG-4
    expect(sniffAudioFormat(bytes([0xff, 0xf9, 0x50, 0x80]))).toBe('AAC'); // ADTS, MPEG-2
  });

  it('refuses what is not audio, whatever it is called', () => {
    expect(sniffAudioFormat(bytes('%PDF-1.7'))).toBeNull();
    expect(sniffAudioFormat(bytes([0x89], 'PNG'))).toBeNull();
    expect(sniffAudioFormat(bytes('PK', [3, 4]))).toBeNull();
    expect(sniffAudioFormat(bytes('RIFF', [0, 0, 0, 0], 'AVI '))).toBeNull(); // RIFF, but a video
    expect(sniffAudioFormat(bytes([0x1a, 0x45, 0xdf, 0xa3], 'matroska'))).toBeNull(); // Matroska video
    expect(sniffAudioFormat(bytes([0, 0, 0, 0x18], 'ftypqt  '))).toBeNull(); // QuickTime
    expect(sniffAudioFormat(bytes('hello, this is text'))).toBeNull();
    expect(sniffAudioFormat(new Uint8Array())).toBeNull();
    expect(sniffAudioFormat(bytes([0xff]))).toBeNull();
  });

  it('refuses MPEG-like headers with reserved bits', () => {
    expect(sniffAudioFormat(bytes([0xff, 0xeb, 0x90, 0x64]))).toBeNull(); // version 01 reserved
    expect(sniffAudioFormat(bytes([0xff, 0xfb, 0xf0, 0x64]))).toBeNull(); // bitrate index 1111
    expect(sniffAudioFormat(bytes([0xff, 0xfb, 0x9c, 0x64]))).toBeNull(); // sample rate index 11
    expect(sniffAudioFormat(bytes([0xff, 0xd0, 0x90]))).toBeNull(); // no frame sync
  });
});

describe('recordingAccess (R-REC-3)', () => {
  const visit = { callerId: 'c1', callerTeamId: 't1' };
  it('names why each allowed viewer may listen', () => {
    expect(recordingAccess({ id: 's', role: 'SUPERVISOR', teamId: null }, visit)).toBe('INSPECTION');
    expect(recordingAccess({ id: 'm', role: 'MANAGER', teamId: null }, visit)).toBe('MANAGEMENT');
    expect(recordingAccess({ id: 'c1', role: 'CALLER', teamId: 't1' }, visit)).toBe('OWN_VISIT');
    expect(recordingAccess({ id: 'l', role: 'LEAD', teamId: 't1' }, visit)).toBe('TEAM_LEAD');
  });
  it('refuses everyone else', () => {
    expect(recordingAccess({ id: 'c2', role: 'CALLER', teamId: 't1' }, visit)).toBeNull();
    expect(recordingAccess({ id: 'l2', role: 'LEAD', teamId: 't2' }, visit)).toBeNull();
    expect(
      recordingAccess({ id: 'l3', role: 'LEAD', teamId: null }, { callerId: 'c', callerTeamId: null }),
    ).toBeNull();
    expect(recordingAccess({ id: 'a', role: 'ADMIN', teamId: null }, visit)).toBeNull();
    expect(recordingAccess({ id: 'h', role: 'HANDLER', teamId: null }, visit)).toBeNull();
  });
});

describe('mayChangeRecording (R-REC-4)', () => {
  it('lets the uploader change it until the visit is inspected', () => {
    expect(mayChangeRecording('u', { uploadedById: 'u', deleted: false }, false)).toBe(true);
    expect(mayChangeRecording('u', { uploadedById: 'u', deleted: false }, true)).toBe(false);
    expect(mayChangeRecording('u', { uploadedById: 'u', deleted: true }, false)).toBe(false);
    expect(mayChangeRecording('v', { uploadedById: 'u', deleted: false }, false)).toBe(false);
    expect(mayChangeRecording('u', { uploadedById: null, deleted: false }, false)).toBe(false);
  });
});

describe('visitHasRecording (R-REC-6)', () => {
  it('is a reference or an uploaded file', () => {
    expect(visitHasRecording(null, 0)).toBe(false);
    expect(visitHasRecording('  ', 0)).toBe(false);
    expect(visitHasRecording('rec-1.mp3', 0)).toBe(true);
    expect(visitHasRecording(null, 1)).toBe(true);
  });
});

describe('requestedRange', () => {
  it('reads one byte range', () => {
    expect(requestedRange(undefined, 100)).toBeNull();
    expect(requestedRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
    expect(requestedRange('bytes=0-1', 100)).toEqual({ start: 0, end: 1 });
    expect(requestedRange('bytes=10-500', 100)).toEqual({ start: 10, end: 99 });
    expect(requestedRange('bytes=99-99', 100)).toEqual({ start: 99, end: 99 });
    expect(requestedRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(requestedRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
  });
  it('answers the whole file for what it does not serve, 416 past the end', () => {
    expect(requestedRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(requestedRange('items=0-1', 100)).toBeNull();
    expect(requestedRange('bytes=-', 100)).toBeNull();
    expect(requestedRange('bytes=5-1', 100)).toBeNull();
    expect(requestedRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(requestedRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(requestedRange('bytes=0-', 0)).toBe('unsatisfiable');
  });
});

describe('listenAuditedSince (R-REC-5)', () => {
  it('is the audit window before now', () => {
    const now = new Date('2026-03-18T02:00:00Z');
    expect(listenAuditedSince(now).toISOString()).toBe('2026-03-18T01:50:00.000Z');
  });
});
