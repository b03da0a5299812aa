import type { Mutation } from '../../domain';
import { t } from '../../i18n';
import { statusLabel } from './status-definitions';

const excerpt = (text: string, max = 60) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** A few words that let the user recognise a change they made, e.g. in the rejected list. */
export function describeMutation(mutation: Mutation): string {
  switch (mutation.name) {
    case 'task.create':
      return excerpt(mutation.args.title);
    case 'task.setStatus':
      return [t(`tasks.statuses.${mutation.args.status}`), mutation.args.outcomeTag]
        .filter(Boolean)
        .join(' ');
    case 'task.assign':
    case 'task.offer':
    case 'task.acceptOffer':
      return '';
    case 'task.declineOffer':
      return excerpt(mutation.args.reason);
    case 'comment.add':
      return excerpt(mutation.args.body || mutation.args.attachments.map((a) => a.name).join(', '));
    case 'agentStatus.set':
      return statusLabel(mutation.args.status);
    case 'filter.save':
      return excerpt(mutation.args.name);
    case 'filter.delete':
      return '';
    case 'call.record':
      return mutation.args.peerName ?? mutation.args.peer;
  }
}
