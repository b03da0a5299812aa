// Renders the manifest shortcut icons (public/shortcuts/*.svg) to the 96 px PNGs that Android asks for.
import { readdir } from 'node:fs/promises';
import sharp from 'sharp';

const dir = new URL('../../public/shortcuts/', import.meta.url);
for (const name of await readdir(dir)) {
  if (!name.endsWith('.svg')) continue;
  const out = new URL(name.replace(/\.svg$/, '-96.png'), dir);
  await sharp(new URL(name, dir).pathname, { density: 300 })
    .resize(96, 96)
    .png()
    .toFile(out.pathname);
  console.log(`wrote ${out.pathname}`);
}
