import { A } from '@solidjs/router';
import { For, type JSX } from 'solid-js';
import { visibleSections, type Role } from '../../domain';
import { t } from '../../i18n';
import { Icon } from '../../ui';

export function Nav(props: { role: Role | undefined }): JSX.Element {
  return (
    <nav class="nav" aria-label={t('nav.label')}>
      <ul class="nav-list">
        <For each={visibleSections(props.role)}>
          {(section) => (
            <li>
              <A href={`/${section}`} class="nav-link">
                <Icon name={section} size="lg" />
                <span>{t(`nav.${section}`)}</span>
              </A>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
