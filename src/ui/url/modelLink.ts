/**
 * "Share trained model": a checkpoint's bytes, deflated (CompressionStream 'deflate-raw') and
 * base64url-encoded, carried in the URL fragment (`#model=…`) so no server sees it. The
 * query string holds the config (codec.ts); the frozen weights follow from its seed, so a
 * BN-only ResNet-14 link carries 1,120 trained numbers plus running statistics.
 *
 * The checkpoint's header (src/core/checkpointFormat.ts) locates the optimizer velocity, which
 * is zeroed: a receiver that only evaluates does not need it, and zeros compress to almost
 * nothing. Bytes that are not a checkpoint pass through unchanged; the worker validates the
 * result on import.
 * Pure: no DOM beyond the standard CompressionStream, which Node ≥ 18 also has.
 */
import { readCheckpointHeader } from '../../core/checkpointFormat.ts';

/** Fragment key of the model payload. */
export const MODEL_FRAGMENT_KEY = 'model';
/** Longest fragment we offer as a link; beyond it, download the checkpoint instead. */
export const MAX_MODEL_FRAGMENT_CHARS = 256 * 1024;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** RFC 4648 §5 base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += B64[n >> 18] + B64[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63];
  }
  return out;
}

/** Inverse of toBase64Url; throws on a character outside the alphabet or a bad length. */
export function fromBase64Url(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1) throw new Error(`base64url text of length ${clean.length} is not valid`);
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const c = clean.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c] : -1;
    if (v < 0) throw new Error(`character ${JSON.stringify(clean[i])} at ${i} is not base64url`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const copy = new Uint8Array(bytes); // a plain ArrayBuffer-backed copy for the stream
  const response = new Response(new Blob([copy]).stream().pipeThrough(stream));
  return new Uint8Array(await response.arrayBuffer());
}

export const deflateRaw = (bytes: Uint8Array) => pipe(bytes, new CompressionStream('deflate-raw'));
export const inflateRaw = (bytes: Uint8Array) => pipe(bytes, new DecompressionStream('deflate-raw'));


/** A copy of a checkpoint with its `velocity` tensors zeroed; unknown bytes come back unchanged. */
export function zeroVelocity(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  let h: ReturnType<typeof readCheckpointHeader>;
  try {
    h = readCheckpointHeader(out);
  } catch {
    return out;
  }
  for (const t of h.entries) {
    if (t.group !== 'velocity' || !Number.isInteger(t.offset) || !Number.isInteger(t.length) || t.offset < 0) continue;
    const start = h.payloadOffset + t.offset * 4;
    const end = start + t.length * 4;
    if (end <= out.length) out.fill(0, start, end);
  }
  return out;
}

/** The fragment text (without `#`) that carries a checkpoint. */
export async function encodeModelFragment(checkpoint: Uint8Array): Promise<string> {
  return `${MODEL_FRAGMENT_KEY}=${toBase64Url(await deflateRaw(zeroVelocity(checkpoint)))}`;
}

/** Why a model fragment could not be read. */
export class ModelLinkError extends Error {
  override name = 'ModelLinkError';
}

/** Reads `#model=…`; null when the fragment holds no model; throws ModelLinkError when it is damaged. */
export async function decodeModelFragment(hash: string): Promise<Uint8Array | null> {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const text = params.get(MODEL_FRAGMENT_KEY);
  if (text === null) return null;
  let packed: Uint8Array;
  try {
    packed = fromBase64Url(text);
  } catch (e) {
    throw new ModelLinkError(`The shared model in this link is damaged: ${(e as Error).message}.`);
  }
  try {
    return await inflateRaw(packed);
  } catch {
    throw new ModelLinkError(`The shared model in this link is damaged: its ${packed.length} compressed bytes do not decompress (was the link cut short?).`);
  }
}
