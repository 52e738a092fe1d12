import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { FLYT_CONFIG, type FlytConfig } from '#flyt/config';

export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  /** Derived from what the mail carries, so a mail sent twice after a crash is recognisably the same mail. */
  messageId: string;
  language: 'nb' | 'en';
}

/** The domain of the sender's address, for Message-IDs. */
function senderDomain(mailFrom: string): string {
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
  return address.split('@')[1]?.trim() || 'flyt.invalid';
}

/** Sends plain-text mail over SMTP (SMTP_URL) from MAIL_FROM. Timeouts are short so a send cannot outlive its claim. */
@Injectable()
export class NotificationMailer implements OnApplicationShutdown {
  private readonly transport;
  private readonly domain: string;

  constructor(@Inject(FLYT_CONFIG) private readonly config: FlytConfig) {
    this.transport = createTransport({
      url: config.notifications.smtpUrl,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
    this.domain = senderDomain(config.notifications.mailFrom);
  }

  /** `<notification.<id>@domain>`: one id per notification, whoever sends it and however often. */
  notificationMessageId(notificationId: string): string {
    return `<notification.${notificationId}@${this.domain}>`;
  }

  /** `<digest.<user>.<hash of the notification ids>@domain>`: the same digest, sent again, has the same id. */
  digestMessageId(userId: string, notificationIds: readonly string[]): string {
    const hash = createHash('sha256').update([...notificationIds].sort().join(',')).digest('hex').slice(0, 24);
    return `<digest.${userId}.${hash}@${this.domain}>`;
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: this.config.notifications.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      headers: { 'Content-Language': mail.language === 'nb' ? 'nb-NO' : 'en', 'Auto-Submitted': 'auto-generated' },
    });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
