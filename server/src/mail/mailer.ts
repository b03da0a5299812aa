import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** The outgoing mail edge; tests point it at a local SMTP server, never a fake. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

interface Log {
  info(obj: object, msg: string): void;
}

export function createMailer(smtpUrl: string | null, from: string, log: Log): Mailer {
  if (!smtpUrl) {
    return {
      // No SMTP configured (development): say so, without the message body, whose link is a secret.
      async send(message) {
        log.info(
          { to: message.to, subject: message.subject },
          'email disabled (no SMTP_URL): not sent',
        );
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    close() {
      transport.close();
    },
  };
}
