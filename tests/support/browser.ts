// Debian's Chromium (installed by scripts/test.sh), never a downloaded browser.
export const chromiumLaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export const e2ePort = Number(process.env['E2E_PORT'] ?? 18080);
export const e2eSmtpPort = Number(process.env['E2E_SMTP_PORT'] ?? 18025);
