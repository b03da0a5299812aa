// The instance's routing and task settings (docs/contract.md, instance settings) and the Admin
// form's rules: offers are entered in minutes but kept in seconds; wrap-up and reservations in
// seconds.

export interface InstanceSettings {
  outcomeTagRequired: boolean;
  offerTtlSeconds: number;
  pushRouting: boolean;
  wrapUpSeconds: number;
  /** How long work the router reserves for an agent waits for Accept (push routing). */
  reservationSeconds: number;
  /** How much work of each channel an agent holds at once (routing). */
  capacity: Capacity;
}

export const capacityChannels = ['call', 'email', 'chat', 'manual'] as const;
export type CapacityChannel = (typeof capacityChannels)[number];
export type Capacity = Record<CapacityChannel, number>;

export const defaultCapacity: Capacity = { call: 1, email: 5, chat: 3, manual: 5 };
export const capacityRange = { min: 1, max: 50 } as const;

/** The server's limits: an offer waits one minute to one day; wrap-up lasts up to an hour. */
export const offerMinutesRange = { min: 1, max: 1440 } as const;
export const wrapUpSecondsRange = { min: 0, max: 3600 } as const;
export const reservationSecondsRange = { min: 10, max: 3600 } as const;

export type SettingsFieldProblem = 'notWholeNumber' | 'outOfRange';

/** Reads a form field as a whole number within the range, or says what is wrong with it. */
export function parseWholeNumber(
  text: string,
  range: { min: number; max: number },
): { ok: true; value: number } | { ok: false; problem: SettingsFieldProblem } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { ok: false, problem: 'notWholeNumber' };
  const value = Number(trimmed);
  if (value < range.min || value > range.max) return { ok: false, problem: 'outOfRange' };
  return { ok: true, value };
}

/** What an older server leaves out reads as its default (push routing and wrap-up off). */
export function withSettingDefaults(
  settings: Partial<InstanceSettings> | undefined,
): InstanceSettings {
  return {
    outcomeTagRequired: settings?.outcomeTagRequired ?? false,
    offerTtlSeconds: settings?.offerTtlSeconds ?? 600,
    pushRouting: settings?.pushRouting ?? false,
    wrapUpSeconds: settings?.wrapUpSeconds ?? 0,
    reservationSeconds: settings?.reservationSeconds ?? 120,
    capacity: settings?.capacity ?? defaultCapacity,
  };
}

/** What the Admin form holds: the two checkboxes and the two fields as typed. */
export interface SettingsForm {
  pushRouting: boolean;
  outcomeTagRequired: boolean;
  wrapUpSeconds: string;
  offerTtlMinutes: string;
  reservationSeconds: string;
  capacity: Record<CapacityChannel, string>;
}

export type SettingsPatch =
  { ok: true; patch: Partial<InstanceSettings> } | ({ ok: false } & SettingsProblems);

export interface SettingsProblems {
  wrapUp?: SettingsFieldProblem;
  offerTtl?: SettingsFieldProblem;
  reservation?: SettingsFieldProblem;
  /** The first wrong channel's problem (the four are sent together). */
  capacity?: SettingsFieldProblem;
}

/** An offer time in minutes as the form shows it (one decimal when it is not whole minutes). */
export function offerMinutesText(seconds: number): string {
  return Number.isInteger(seconds / 60) ? String(seconds / 60) : (seconds / 60).toFixed(1);
}

/** The form as shown for these settings. */
export function settingsForm(settings: InstanceSettings): SettingsForm {
  return {
    pushRouting: settings.pushRouting,
    outcomeTagRequired: settings.outcomeTagRequired,
    wrapUpSeconds: String(settings.wrapUpSeconds),
    offerTtlMinutes: offerMinutesText(settings.offerTtlSeconds),
    reservationSeconds: String(settings.reservationSeconds),
    capacity: {
      call: String(settings.capacity.call),
      email: String(settings.capacity.email),
      chat: String(settings.capacity.chat),
      manual: String(settings.capacity.manual),
    },
  };
}

/**
 * Only what the admin changed, so two admins saving different fields do not undo each other (and
 * an offer time of 90 s, shown as 1.5, survives a save that did not touch it).
 */
export function settingsPatch(before: InstanceSettings, form: SettingsForm): SettingsPatch {
  const shown = settingsForm(before);
  const patch: Partial<InstanceSettings> = {};
  const problems: SettingsProblems = {};
  if (form.pushRouting !== before.pushRouting) patch.pushRouting = form.pushRouting;
  if (form.outcomeTagRequired !== before.outcomeTagRequired)
    patch.outcomeTagRequired = form.outcomeTagRequired;
  if (form.wrapUpSeconds.trim() !== shown.wrapUpSeconds) {
    const read = parseWholeNumber(form.wrapUpSeconds, wrapUpSecondsRange);
    if (read.ok) patch.wrapUpSeconds = read.value;
    else problems.wrapUp = read.problem;
  }
  if (form.offerTtlMinutes.trim() !== shown.offerTtlMinutes) {
    const read = parseWholeNumber(form.offerTtlMinutes, offerMinutesRange);
    if (read.ok) patch.offerTtlSeconds = read.value * 60;
    else problems.offerTtl = read.problem;
  }
  if (form.reservationSeconds.trim() !== shown.reservationSeconds) {
    const read = parseWholeNumber(form.reservationSeconds, reservationSecondsRange);
    if (read.ok) patch.reservationSeconds = read.value;
    else problems.reservation = read.problem;
  }
  const capacityChanged = capacityChannels.some(
    (c) => form.capacity[c].trim() !== shown.capacity[c],
  );
  if (capacityChanged) {
    const capacity = { ...before.capacity };
    for (const channel of capacityChannels) {
      const read = parseWholeNumber(form.capacity[channel], capacityRange);
      if (read.ok) capacity[channel] = read.value;
      else problems.capacity ??= read.problem;
    }
    if (!problems.capacity) patch.capacity = capacity;
  }
  return Object.keys(problems).length > 0 ? { ok: false, ...problems } : { ok: true, patch };
}
