// E-mails and SMS to customers (docs/product.md#messages). Every message is written to
// OutboundMessage with what became of it: sent through SMTP (nodemailer) or the SMS provider, only
// captured (none configured — a developer reads them on the 发送记录 screen or in the log), or
// failed with the provider's error. Sending happens outside any transaction: a provider that hangs
// never holds a database row.
import { maskEmail, maskPhone } from '@huifang/domain';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig } from '../config.ts';
import type { PrismaClient } from '../db/prisma.ts';

export interface Outbound {
  organizationId: string;
  channel: 'EMAIL' | 'SMS';
  to: string;
  subject?: string;
  body: string;
  entity?: string;
  entityId?: string;
  /**
   * A part of the body that opens something (a survey link's token): kept in the record only while
   * the message is merely recorded (nothing left the machine); once sent, or failed, it is replaced,
   * so reading 发送记录 never hands anyone a customer's link.
   */
  secret?: string;
}

export type DeliveryStatus = 'SENT' | 'CAPTURED' | 'FAILED';

/** An SMS provider: sends one text, or throws with the provider's reason. */
export interface SmsProvider {
  readonly name: string;
  /** false: nothing leaves the machine (the message is only captured) */
  readonly delivers: boolean;
  send(to: string, text: string): Promise<void>;
}

/** The default: nothing is sent; the message is kept and logged. */
export const logSmsProvider: SmsProvider = { name: 'log', delivers: false, send: async () => {} };

/** Twilio's Messages API (or any service that speaks it, at `baseUrl`). */
export function twilioSmsProvider(c: {
  accountSid: string;
  authToken: string;
  from: string;
  baseUrl: string;
}): SmsProvider {
  return {
    name: 'twilio',
    delivers: true,
    async send(to, text) {
      const res = await fetch(
        `${c.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(c.accountSid)}/Messages.json`,
        {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`${c.accountSid}:${c.authToken}`).toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ To: to.startsWith('+') ? to : `+86${to}`, From: c.from, Body: text }),
          signal: AbortSignal.timeout(10_000),
        },
      );
      if (!res.ok) throw new Error(`twilio ${res.status}: ${(await res.text()).slice(0, 300)}`);
    },
  };
}

export interface Messenger {
  send(prisma: PrismaClient, msg: Outbound, now: Date): Promise<{ id: string; status: DeliveryStatus }>;
}

export function messengerFor(
  config: Pick<AppConfig, 'mail' | 'sms'>,
  log?: { info: (o: object, m: string) => void },
): Messenger {
  const sms = config.sms.provider === 'twilio' ? twilioSmsProvider(config.sms) : logSmsProvider;
  const mailer: Transporter | null = config.mail.smtpUrl
    ? nodemailer.createTransport(config.mail.smtpUrl)
    : null;
  return {
    async send(prisma, msg, now) {
      const provider = msg.channel === 'SMS' ? sms.name : mailer ? 'smtp' : 'capture';
      let status: DeliveryStatus = 'CAPTURED';
      let error: string | null = null;
      try {
        if (msg.channel === 'SMS' && sms.delivers) {
          await sms.send(msg.to, msg.body);
          status = 'SENT';
        } else if (msg.channel === 'EMAIL' && mailer) {
          await mailer.sendMail({
            from: config.mail.from,
            to: msg.to,
            subject: msg.subject ?? '',
            text: msg.body,
          });
          status = 'SENT';
        }
      } catch (e) {
        status = 'FAILED';
        error = e instanceof Error ? e.message.slice(0, 500) : String(e);
      }
      // the log names no customer and holds no link: the text is on 发送记录
      if (status === 'CAPTURED')
        log?.info(
          { channel: msg.channel, to: msg.channel === 'EMAIL' ? maskEmail(msg.to) : maskPhone(msg.to) },
          'message recorded, not sent (no provider configured): see 发送记录',
        );
      const row = await prisma.outboundMessage.create({
        data: {
          organizationId: msg.organizationId,
          channel: msg.channel,
          to: msg.to,
          subject: msg.subject ?? null,
          body: msg.secret && status !== 'CAPTURED' ? msg.body.replaceAll(msg.secret, '…') : msg.body,
          provider,
          status,
          error,
          entity: msg.entity ?? null,
          entityId: msg.entityId ?? null,
          createdAt: now,
        },
      });
      return { id: row.id, status };
    },
  };
}
