import { createApiClient } from './client';

export {
  createApiClient,
  type AcceptInvitationInput,
  type ApiClient,
  type CustomStatusInput,
  type FetchLike,
  type InviteInput,
} from './client';
export { ApiError, type ApiErrorCode, type ApiResult } from './errors';

// Looks fetch up on each call rather than capturing it, so a test or a polyfill can swap it.
export const api = createApiClient({ fetch: (input, init) => fetch(input, init) });

export { createSyncTransport, connectPokes, type SyncTransportOptions } from './sync';
export { serverNow } from './server-clock';
