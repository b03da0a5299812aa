import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/** A real SMTP server on a loopback port that keeps what it receives, for tests to read. */
export class Mailbox {
  readonly received: ReceivedMail[] = [];
  #waiters: { to: string; resolve: (mail: ReceivedMail) => void }[] = [];
  #server: SMTPServer;
  #port = 0;

  constructor() {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            this.#deliver(parsed);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.#port}`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const address = this.#server.server.address();
    this.#port = typeof address === 'object' && address ? address.port : 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** The next mail to `to` (already received or still to come). */
  next(to: string): Promise<ReceivedMail> {
    const index = this.received.findIndex((m) => m.to.includes(to));
    if (index >= 0) return Promise.resolve(this.received.splice(index, 1)[0] as ReceivedMail);
    return new Promise((resolve) => this.#waiters.push({ to, resolve }));
  }

  #deliver(parsed: ParsedMail): void {
    const addresses = [parsed.to ?? []]
      .flat()
      .flatMap((group) => group.value.map((a) => (a.address ?? '').toLowerCase()));
    const mail = { to: addresses, subject: parsed.subject ?? '', text: parsed.text ?? '' };
    const waiter = this.#waiters.find((w) => addresses.includes(w.to));
    if (waiter) {
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve(mail);
    } else {
      this.received.push(mail);
    }
  }
}

/** The token at the end of `<publicUrl>/<kind>/<token>` in a mail body. */
export function tokenFromMail(
  mail: ReceivedMail,
  publicUrl: string,
  kind: 'invite' | 'reset',
): string {
  const match = new RegExp(
    `${publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/${kind}/([A-Za-z0-9_-]+)`,
  ).exec(mail.text);
  if (!match?.[1]) throw new Error(`no ${kind} link in mail "${mail.subject}": ${mail.text}`);
  return match[1];
}
