// Messages (docs/product.md#messages): recorded with no provider; sent through Twilio's API (here a
// local server speaking it) with the provider's answer kept; a provider or SMTP server that fails
// leaves a FAILED record with its reason, never an exception for the caller.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { setupTestApp } from '../../test/helper.ts';
import { messengerFor } from './messages.ts';

const now = new Date('2026-03-18T02:00:00Z');

describe('messages', async () => {
  const t = await setupTestApp();
  const org = (await t.prisma.organization.findFirstOrThrow()).id;
  const seen: Array<{ url: string; auth: string; body: string }> = [];
  let answer = 201;
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization ?? '', body });
      res.writeHead(answer, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: 'SM1' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sms = { organizationId: org, channel: 'SMS' as const, to: '13800001111', body: '您好' };

  it('only records a message when no provider is configured', async () => {
    const m = messengerFor({ mail: { smtpUrl: undefined, from: 'x@y' }, sms: { provider: 'log' } });
    const r = await m.send(t.prisma, sms, now);
    expect(r.status).toBe('CAPTURED');
    const mail = await m.send(t.prisma, { ...sms, channel: 'EMAIL', to: 'a@example.com', subject: 'S' }, now);
    expect(await t.prisma.outboundMessage.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({
      provider: 'capture',
      status: 'CAPTURED',
      subject: 'S',
    });
  });

  it('sends an SMS through Twilio’s API and keeps a refusal as FAILED', async () => {
    const m = messengerFor({
      mail: { smtpUrl: undefined, from: 'x@y' },
      sms: { provider: 'twilio', accountSid: 'AC1', authToken: 'tok', from: '+15550001', baseUrl },
    });
    const sent = await m.send(
      t.prisma,
      { ...sms, body: '填写问卷：https://x/s/TOKEN123', secret: 'TOKEN123' },
      now,
    );
    expect(sent.status).toBe('SENT');
    // what left the machine had the link; the record keeps no way in
    expect(new URLSearchParams(seen[0]!.body).get('Body')).toBe('填写问卷：https://x/s/TOKEN123');
    expect((await t.prisma.outboundMessage.findUniqueOrThrow({ where: { id: sent.id } })).body).toBe(
      '填写问卷：https://x/s/…',
    );
    expect(seen[0]!.url).toBe('/2010-04-01/Accounts/AC1/Messages.json');
    expect(seen[0]!.auth).toBe(`Basic ${Buffer.from('AC1:tok').toString('base64')}`);
    expect(new URLSearchParams(seen[0]!.body).get('To')).toBe('+8613800001111');
    answer = 400;
    const failed = await m.send(t.prisma, sms, now);
    expect(failed.status).toBe('FAILED');
    const row = await t.prisma.outboundMessage.findUniqueOrThrow({ where: { id: failed.id } });
    expect(row).toMatchObject({ provider: 'twilio', status: 'FAILED' });
    expect(row.error).toContain('twilio 400');
  });

  it('records an SMTP server that cannot be reached as FAILED', async () => {
    const m = messengerFor({
      mail: { smtpUrl: 'smtp://127.0.0.1:1', from: 'x@y' },
      sms: { provider: 'log' },
    });
    const r = await m.send(t.prisma, { ...sms, channel: 'EMAIL', to: 'a@example.com', subject: 'S' }, now);
    expect(r.status).toBe('FAILED');
    expect((await t.prisma.outboundMessage.findUniqueOrThrow({ where: { id: r.id } })).provider).toBe('smtp');
  });
});
