// Turns an ApiError into a sentence from the catalogue. Screens handle their own special cases
// (401 on sign-in, 404 on a link) first and fall back to this.
import type { ApiError } from '../api';
import { t } from '../i18n';

export function describeError(error: ApiError): string {
  switch (error.code) {
    case 'network':
      return t('errors.network');
    case 'rate_limited':
      return t('errors.rateLimited', { seconds: error.retryAfter ?? 60 });
    case 'forbidden':
    case 'csrf_rejected':
      return t('errors.forbidden');
    case 'bad_request':
    case 'payload_too_large':
      return t('errors.invalidInput');
    default:
      return t('errors.generic');
  }
}
