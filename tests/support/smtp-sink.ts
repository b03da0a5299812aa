import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface StoredMail {
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

// A real SMTP server on loopback; each message lands as a JSON file the tests read.
export async function startSmtpSink(port: number, dir: string): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const stored: StoredMail = {
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            receivedAt: new Date().toISOString(),
          };
          count += 1;
          // Written aside and renamed: a test polling the folder never reads half a mail.
          const file = path.join(dir, `${Date.now()}-${count}.json`);
          writeFileSync(`${file}.tmp`, JSON.stringify(stored));
          renameSync(`${file}.tmp`, file);
          callback();
        })
        .catch((error: unknown) => callback(error as Error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
