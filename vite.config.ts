import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// The About dialog shows which build an agent runs: BUILD_ID from CI, else the git short sha.
function buildId(): string {
  if (process.env['BUILD_ID']) return process.env['BUILD_ID'];
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'dev';
  }
}

const brand = '#3447c9';

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
    __APP_BUILD__: JSON.stringify(buildId()),
  },
  build: {
    target: 'es2022',
    // Inline nothing: the server's CSP allows only same-origin scripts, styles and images.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  plugins: [
    solid(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // We register through workbox-window ourselves (src/app/update-prompt.tsx): no inline script.
      injectRegister: false,
      injectManifest: {
        // A classic script: registered without {type: 'module'}, which every browser accepts.
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
      },
      includeAssets: [],
      manifest: {
        id: '/',
        name: 'Switchboard',
        short_name: 'Switchboard',
        description: 'Softphone and agent workspace: calls, emails and chats as tasks.',
        start_url: '/tasks',
        scope: '/',
        display: 'standalone',
        theme_color: brand,
        background_color: '#f7f8fa',
        icons: [
          { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/maskable-icon-512x512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
          { src: '/logo.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
        shortcuts: [
          {
            name: 'Tasks',
            url: '/tasks',
            icons: [{ src: '/shortcuts/tasks-96.png', sizes: '96x96', type: 'image/png' }],
          },
          {
            name: 'Dialer',
            url: '/phone',
            icons: [{ src: '/shortcuts/dialer-96.png', sizes: '96x96', type: 'image/png' }],
          },
          {
            name: 'History',
            url: '/history',
            icons: [{ src: '/shortcuts/history-96.png', sizes: '96x96', type: 'image/png' }],
          },
        ],
        protocol_handlers: [
          { protocol: 'tel', url: '/phone?number=%s' },
          { protocol: 'sip', url: '/phone?number=%s' },
        ],
      },
    }),
  ],
});
