// The softphone's public surface. Load it with import('../sip'): JsSIP is big and only needed
// once an agent is signed in.
export {
  createSoftphone,
  type CallLevels,
  type DialOutcome,
  type Identity,
  type Softphone,
  type SoftphoneEvent,
} from './softphone';
export { canChooseOutput, type DevicePreferences } from './media';
export type { CredentialsResult } from './credentials';
