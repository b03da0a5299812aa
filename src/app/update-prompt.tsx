// Registers the service worker and, when a new version is waiting, asks before taking over:
// a persistent toast "A new version is ready" with "Reload". Never a silent takeover.
import { t } from '../i18n';
import { showToast } from '../ui';

const updateCheckIntervalMs = 60 * 60 * 1000; // agents keep the tab open all day

export function registerServiceWorker(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  const start = () => void register();
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

async function register(): Promise<void> {
  // Loaded after the page so the first screen does not pay for it.
  const { Workbox } = await import('workbox-window');
  // A classic worker (vite.config.ts builds sw.js as an IIFE): accepted by every browser.
  const wb = new Workbox('/sw.js', { scope: '/' });

  wb.addEventListener('waiting', () => {
    void showToast(t('update.ready'), {
      persistent: true,
      action: {
        label: t('update.reload'),
        onClick: () => {
          wb.addEventListener('controlling', () => window.location.reload());
          wb.messageSkipWaiting();
        },
      },
    });
  });

  try {
    await wb.register();
  } catch (error) {
    // No service worker (blocked, private mode): the app works, just not offline.
    console.warn('[sw] registration failed', error);
    return;
  }
  setInterval(() => void wb.update(), updateCheckIntervalMs);
}
