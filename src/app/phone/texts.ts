// Words for the phone's states, from the catalogue.
import type {
  CallEnd,
  CallSnapshot,
  RegistrationFailure,
  RegistrationState,
  TransferProgress,
} from '../../domain';
import { t } from '../../i18n';

export function failureText(reason: RegistrationFailure): string {
  switch (reason.kind) {
    case 'refused':
      return t('phone.failure.refused', { code: reason.code });
    case 'unreachable':
      return t('phone.failure.unreachable');
    case 'notConfigured':
      return t('phone.failure.notConfigured');
    case 'noExtension':
      return t('phone.failure.noExtension');
    case 'credentials':
      return t('phone.failure.credentials');
    case 'other':
      return t('phone.failure.other', { code: String(reason.code ?? '?') });
  }
}

export function registrationText(state: RegistrationState): string {
  switch (state.status) {
    case 'off':
      return t('phone.registration.off');
    case 'registering':
      return t('phone.registration.registering');
    case 'registered':
      return t('phone.registration.registered');
    case 'failed':
      return t('phone.registration.failed', { reason: failureText(state.reason) });
  }
}

export function endText(end: CallEnd): string {
  switch (end.kind) {
    case 'unavailable':
      return t('phone.ends.unavailable', { code: end.code });
    case 'notFound':
      return t('phone.ends.notFound', { code: end.code });
    case 'failed':
      return t('phone.ends.failed', { code: String(end.code ?? '?') });
    default:
      return t(`phone.ends.${end.kind}`);
  }
}

export function callStateText(call: CallSnapshot): string {
  if (call.state === 'ended') return call.end ? endText(call.end) : t('phone.ends.hungUp');
  if (call.state === 'connected') {
    if (call.held) return t('phone.states.held');
    if (call.remoteHeld) return t('phone.states.remoteHeld');
  }
  return t(`phone.states.${call.state}`);
}

/** "Bob Brown (1002)", or just "1002" when the name is the number. */
export function partyText(call: CallSnapshot): string {
  const { name, number } = call.remote;
  return name && name !== number ? t('phone.party', { name, number }) : number || name;
}

export function transferText(transfer: TransferProgress): string {
  const target = transfer.target;
  // 408: we gave up waiting; 487: the transferee cancelled its call for the same reason.
  if (transfer.status === 'failed' && (transfer.code === 408 || transfer.code === 487))
    return t('phone.transferStatus.noAnswer', { target });
  if (transfer.status === 'failed')
    return t('phone.transferStatus.failed', { target, code: String(transfer.code ?? '?') });
  return t(`phone.transferStatus.${transfer.status}`, { target });
}
