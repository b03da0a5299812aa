import { randomBytes } from 'node:crypto';

// Log item ids that sort in the order the items were written (a UUIDv7: the time in ms first,
// then a counter, then random bits). A log reads newest first by (createdAt, id); the several
// items one mutation writes share its time, and a random id would shuffle them.
let counter = 0;

export function logItemId(nowIso: string): string {
  const ms = Date.parse(nowIso);
  counter = (counter + 1) % 0x1000;
  const bytes = randomBytes(16);
  const time = BigInt(Number.isFinite(ms) ? ms : Date.now());
  for (let i = 0; i < 6; i++) bytes[i] = Number((time >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
