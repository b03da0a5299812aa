// Issue 4's server side: mutation appliers, push, pull and pokes (docs/contract.md, Sync).
export type { Actor } from './apply-context.js';
export type { IncomingArgs, IncomingMutation } from './incoming.js';
export { LocalPoker, audienceOf, type Audience, type PokeSocket, type Poker } from './poker.js';
export { pull, PULL_PAGE } from './pull.js';
export { push, PUSH_MAX_MUTATIONS, type PushDeps } from './push.js';
export * from './protocol.js';
export { expireOffers } from './offer-sweeper.js';
