/** The current time, injectable so tests can move it forward without sleeping. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
