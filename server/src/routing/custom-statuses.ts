// Custom agent statuses (issue 6), pure: what an admin may save, and the routing definition of a
// saved one. The HTTP route checks the JSON shape; these rules check the values and answer with a
// sentence the admin can act on.
import type { SyncStatusDefinition } from '../sync/protocol.js';
import { channels, type Channel, type StatusDefinition } from './rules.js';

export const LABEL_MAX = 40;
export const TIME_LIMIT_MIN_SECONDS = 60;
export const TIME_LIMIT_MAX_SECONDS = 24 * 60 * 60;

/** The built-in statuses' English names: a custom label may not be mistaken for one. */
export const builtInLabels = ['Ready', 'Busy', 'Break', 'Offline', 'Missed', 'Wrap-up'] as const;

export interface CustomStatusInput {
  label: string;
  colour: string;
  receivesWork: boolean;
  /** null: every channel. */
  channels: readonly string[] | null;
  timeLimitSeconds: number | null;
}

export interface ValidStatus {
  label: string;
  colour: string;
  receivesWork: boolean;
  channels: Channel[] | null;
  timeLimitSeconds: number | null;
}

export type Validation = { ok: true; value: ValidStatus } | { ok: false; message: string };

/** Labels compare by full case folding: "lunch" and "LUNCH" are one status to the agents. */
export function sameLabel(a: string, b: string): boolean {
  return fold(a) === fold(b);
}

function fold(label: string): string {
  return label.normalize('NFKC').toLocaleLowerCase('en').toLocaleUpperCase('en');
}

/**
 * Checks a status as an admin would save it; `otherLabels` are the instance's other custom
 * statuses (not the one being edited).
 */
export function validateCustomStatus(
  input: CustomStatusInput,
  otherLabels: readonly string[],
): Validation {
  const label = input.label.trim().replace(/\s+/g, ' ');
  if (label === '') return fail('A status needs a name.');
  if ([...label].length > LABEL_MAX)
    return fail(`A status name can be at most ${LABEL_MAX} characters.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(label))
    return fail('A status name cannot hold control characters.');
  const builtIn = builtInLabels.find((b) => sameLabel(b, label));
  if (builtIn) return fail(`"${builtIn}" is a built-in status; choose another name.`);
  const taken = otherLabels.find((other) => sameLabel(other, label));
  if (taken) return fail(`There is a status called "${taken}" already; choose another name.`);
  if (!/^#[0-9a-fA-F]{6}$/.test(input.colour))
    return fail('The colour must be written as #rrggbb, for example #2f855a.');
  let chosen: Channel[] | null = null;
  if (input.channels !== null) {
    const unknown = input.channels.find((c) => !(channels as readonly string[]).includes(c));
    if (unknown !== undefined)
      return fail(`"${unknown}" is not a channel; use ${channels.join(', ')}.`);
    if (input.channels.length === 0)
      return fail('Choose at least one channel, or leave channels out for all of them.');
    // Kept in the channels' own order, each once.
    chosen = channels.filter((c) => input.channels?.includes(c));
  }
  const limit = input.timeLimitSeconds;
  if (
    limit !== null &&
    (!Number.isInteger(limit) || limit < TIME_LIMIT_MIN_SECONDS || limit > TIME_LIMIT_MAX_SECONDS)
  ) {
    return fail('A time limit is a whole number of seconds from 60 (a minute) to 86,400 (a day).');
  }
  return {
    ok: true,
    value: {
      label,
      colour: input.colour.toLowerCase(),
      receivesWork: input.receivesWork,
      // Which channels a status that receives nothing would receive means nothing.
      channels: input.receivesWork ? chosen : null,
      timeLimitSeconds: limit,
    },
  };
}

function fail(message: string): Validation {
  return { ok: false, message };
}

/** The routing rules' view of a saved custom status. */
export function customDefinition(status: SyncStatusDefinition): StatusDefinition {
  return {
    key: status.key,
    receivesWork: status.receivesWork,
    channels: status.channels,
    timeLimitMs: status.timeLimitSeconds === null ? null : status.timeLimitSeconds * 1000,
  };
}
