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

/** For calls: fake microphone, no permission prompt, ICE on loopback (without it no candidates). */
export const callLaunchOptions = {
  ...chromiumLaunchOptions,
  args: [
    ...chromiumLaunchOptions.args,
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
  ],
};
