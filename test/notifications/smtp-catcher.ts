import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  language: string;
}

export interface SmtpCatcher {
  url: string;
  /** Every mail that arrived, in order. */
  mails: CaughtMail[];
  to(address: string): CaughtMail[];
  close(): Promise<void>;
}

const toCaught = (mail: ParsedMail): CaughtMail => {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return {
    to: to?.value[0]?.address ?? '',
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    messageId: mail.messageId ?? '',
    language: String(mail.headers.get('content-language') ?? ''),
  };
};

/** A real SMTP server on 127.0.0.1 and an ephemeral port, that keeps every mail it receives. */
export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const mails: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(toCaught(mail));
          callback();
        })
        .catch(callback);
    },
  });
  // A client that vanishes mid-session (a worker SIGKILLed while sending) resets its connection; a
  // mail server shrugs that off, and without a listener the error would be thrown in the test run.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    to: (address) => mails.filter((m) => m.to === address),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
