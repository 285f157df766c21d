import { describe, expect, it } from 'vitest';
import { CAP_MARGIN_S, capAssumeRoleDuration } from '../../main/core/proxy/sts-guard';

const form = (s: string): Buffer => Buffer.from(s);

describe('AssumeRole through the proxy cannot outlive the Airlock session', () => {
  it('caps DurationSeconds (or its 1 h default) to the time left', () => {
    const r = capAssumeRoleDuration(form('Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx&RoleSessionName=a&DurationSeconds=7200'), 1800.7);
    expect('body' in r && r.capped).toBe(true);
    const params = new URLSearchParams((r as { body: Buffer }).body.toString());
    // A few seconds inside the session: STS rounds expirations up and the request takes a moment.
    expect(params.get('DurationSeconds')).toBe(String(1800 - CAP_MARGIN_S));
    expect(params.get('RoleArn')).toBe('arn:aws:iam::1:role/x');
    const dflt = capAssumeRoleDuration(form('Action=AssumeRole&RoleArn=x&RoleSessionName=a'), 1000);
    expect(new URLSearchParams((dflt as { body: Buffer }).body.toString()).get('DurationSeconds')).toBe(String(1000 - CAP_MARGIN_S));
  });

  it('leaves a request that already fits, and other actions, byte for byte', () => {
    const fits = form('Action=AssumeRole&RoleArn=x&RoleSessionName=a&DurationSeconds=900');
    expect(capAssumeRoleDuration(fits, 3000)).toEqual({ body: fits, capped: false });
    const other = form('Action=GetCallerIdentity&Version=2011-06-15');
    expect(capAssumeRoleDuration(other, 10)).toEqual({ body: other, capped: false });
  });

  it('refuses when less than the 15 minutes STS requires is left', () => {
    const r = capAssumeRoleDuration(form('Action=AssumeRole&RoleArn=x&RoleSessionName=a'), 600);
    expect(r).toEqual({ refuse: expect.stringMatching(/600 s left.*log in again/) });
  });
});
