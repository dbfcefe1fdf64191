// The demo's recordings (docs/product.md#recordings): short WAV files made in code — a few seconds
// of soft tones, 8 kHz 16-bit mono, the same bytes on every machine — so the player has something
// to play without shipping audio. A demo recording's audio is written to the storage when first
// asked for (the seed runs where there may be no storage, and a test's storage starts empty).

/** The demo recordings' keys start with this (`demo/tone-<n>.wav`). */
export const DEMO_AUDIO_PREFIX = 'demo/';

export const demoAudioKey = (n: number) => `${DEMO_AUDIO_PREFIX}tone-${n}.wav`;

const SAMPLE_RATE = 8000;

/** A WAV of `seconds` of alternating tones: a different pair of notes for each `n`, faded in and out. */
export function demoToneWav(n: number, seconds = 4): Buffer {
  const samples = SAMPLE_RATE * seconds;
  const data = Buffer.alloc(samples * 2);
  const notes = [262, 294, 330, 349, 392, 440, 494, 523];
  const a = notes[n % notes.length]!;
  const b = notes[(n * 3 + 2) % notes.length]!;
  for (let i = 0; i < samples; i++) {
    const t = i / SAMPLE_RATE;
    const f = Math.floor(t * 2) % 2 === 0 ? a : b;
    const fade = Math.min(1, t / 0.05, (seconds - t) / 0.05);
    data.writeInt16LE(Math.round(Math.sin(2 * Math.PI * f * t) * 9000 * fade), i * 2);
  }
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVE', 8, 'ascii');
  head.write('fmt ', 12, 'ascii');
  head.writeUInt32LE(16, 16); // PCM header size
  head.writeUInt16LE(1, 20); // PCM
  head.writeUInt16LE(1, 22); // mono
  head.writeUInt32LE(SAMPLE_RATE, 24);
  head.writeUInt32LE(SAMPLE_RATE * 2, 28); // bytes per second
  head.writeUInt16LE(2, 32); // block align
  head.writeUInt16LE(16, 34); // bits per sample
  head.write('data', 36, 'ascii');
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

/** The demo file a key names, or null when the key is not a demo recording's. */
export function demoAudioFor(key: string): Buffer | null {
  const m = /^demo\/tone-(\d{1,3})\.wav$/.exec(key);
  return m ? demoToneWav(Number(m[1])) : null;
}
