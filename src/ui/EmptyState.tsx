import type { JSX } from 'solid-js';
import { Icon, type IconName } from './Icon';

export function EmptyState(props: { icon: IconName; heading: string; body: string }): JSX.Element {
  return (
    <div class="empty">
      <Icon name={props.icon} size="lg" />
      <h2>{props.heading}</h2>
      <p>{props.body}</p>
    </div>
  );
}
