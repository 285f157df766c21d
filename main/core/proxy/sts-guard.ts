/**
 * Credentials a client gets through the proxy (an `aws sts assume-role` it runs) must not outlive
 * the Airlock session they were obtained with (Teleport #20724): cap DurationSeconds to what is left.
 */
export const STS_MIN_DURATION_S = 900;
const STS_DEFAULT_DURATION_S = 3600;
/** STS rounds expirations to whole seconds and the request takes a moment to arrive: stay this far inside. */
export const CAP_MARGIN_S = 5;

export type CapResult = { body: Buffer; capped: boolean } | { refuse: string };

export function capAssumeRoleDuration(body: Buffer, secondsLeft: number): CapResult {
  const params = new URLSearchParams(body.toString('utf8'));
  if (params.get('Action') !== 'AssumeRole') return { body, capped: false };
  const remaining = Math.floor(secondsLeft);
  const left = remaining - CAP_MARGIN_S;
  if (left < STS_MIN_DURATION_S) {
    return { refuse: `the Airlock session has ${Math.max(remaining, 0)} s left, less than the 15 minutes STS requires for AssumeRole; log in again first` };
  }
  const requested = Number(params.get('DurationSeconds') ?? STS_DEFAULT_DURATION_S);
  if (Number.isFinite(requested) && requested <= left) return { body, capped: false };
  params.set('DurationSeconds', String(left));
  return { body: Buffer.from(params.toString(), 'utf8'), capped: true };
}
