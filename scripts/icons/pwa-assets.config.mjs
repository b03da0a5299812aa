// Config for `npm run icons`: the PNG icons are generated once from public/logo.svg and committed.
// The padded icons (maskable, apple) get the logo's own blue as background so the padding is invisible.
import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';

const brand = { background: '#3447c9', fit: 'contain' };

export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    ...minimal2023Preset,
    maskable: { ...minimal2023Preset.maskable, resizeOptions: brand },
    apple: { ...minimal2023Preset.apple, resizeOptions: brand },
  },
  images: ['public/logo.svg'],
});
