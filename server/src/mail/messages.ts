import type { MailMessage } from './mailer.js';

export function invitationMail(input: {
  to: string;
  instanceName: string;
  inviterName: string;
  link: string;
}): MailMessage {
  return {
    to: input.to,
    subject: `You are invited to ${input.instanceName} on Switchboard`,
    text: [
      `${input.inviterName} invited you to join ${input.instanceName} on Switchboard.`,
      '',
      `Open this link within 7 days to accept:`,
      input.link,
      '',
      'If you did not expect this email, you can ignore it.',
    ].join('\n'),
  };
}

export function passwordResetMail(input: { to: string; link: string }): MailMessage {
  return {
    to: input.to,
    subject: 'Reset your Switchboard password',
    text: [
      'Someone asked to reset the password of your Switchboard account.',
      '',
      'Open this link within 1 hour to choose a new password:',
      input.link,
      '',
      'If it was not you, ignore this email: your password stays the same.',
    ].join('\n'),
  };
}
