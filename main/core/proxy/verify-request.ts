import { beginVerify } from './sigv4-verify';
import type { RawRequest } from './sigv4-verify';

const CHUNK_SIGNED = /^STREAMING-AWS4-HMAC-SHA256-PAYLOAD/;

export type SignatureCheck =
  | { ok: false; status: number; code: string; message: string }
  | {
      ok: true;
      service: string;
      region: string;
      signedHeaders: readonly string[];
      /** Signed in the query (a presigned URL) rather than in an Authorization header. */
      presigned: boolean;
      /** hashed: the body must be read and hashed (then finish()); unsigned: stream it; streaming-signed: chunk signatures. */
      payload: 'hashed' | 'unsigned' | 'streaming-signed';
      /** The payload literal to sign upstream (UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER…), '' when hashed. */
      literal: string;
      finish(bodySha256Hex: string): { ok: true } | { ok: false; status: number; code: string; message: string };
    };

/**
 * The proxy's view of SigV4 verification: only the proxy's own local key is accepted, and every
 * refusal is a 403 (the contract: "answers 403 with an AWS-style error body").
 */
export function checkSignature(request: RawRequest, localKey: { accessKeyId: string; secretAccessKey: string }, now: Date): SignatureCheck {
  const pending = beginVerify({
    request,
    now,
    secretFor: (id) => (id === localKey.accessKeyId ? localKey.secretAccessKey : undefined),
  });
  if (!pending.ok) return { ok: false, status: 403, code: pending.code, message: pending.message };
  const kind = pending.payload.kind;
  const payload = kind === 'hex' || kind === 'absent' ? 'hashed' : CHUNK_SIGNED.test(pending.payload.value) ? 'streaming-signed' : 'unsigned';
  return {
    ok: true,
    service: pending.auth.service,
    region: pending.auth.region,
    signedHeaders: pending.auth.signedHeaders,
    presigned: pending.auth.presigned,
    payload,
    literal: payload === 'hashed' ? '' : (pending.payload as { value: string }).value,
    finish: (hex) => {
      const r = pending.finish(hex);
      return r.ok ? { ok: true } : { ok: false, status: 403, code: r.code, message: r.message };
    },
  };
}
