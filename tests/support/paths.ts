import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = path.join(repoRoot, 'dist');
/** The second build that stands in for a new deployment (scripts/test.sh makes it). */
export const nextDistDir = path.join(repoRoot, '.run/dist-next');
/**
 * Where the end-to-end stack keeps its database, served web root and mail (stack.ts lays it
 * out); E2E_RUN_DIR lets two runs on one machine stay apart.
 */
export const runDir = path.resolve(repoRoot, process.env['E2E_RUN_DIR'] ?? '.run/e2e');
export const webRoot = path.join(runDir, 'web');
export const mailDir = path.join(runDir, 'mail');
