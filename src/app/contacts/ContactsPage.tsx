// The instance's shared address book, from the local store (searchable offline), with a call
// button on every number.
import { createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import type { SyncContact } from '../../domain';
import { t } from '../../i18n';
import { EmptyState, Icon, showToast, TableMessage } from '../../ui';
import { createLive } from '../data/live';
import { currentStore } from '../data/store';
import { placeCall } from '../phone/phone-store';
import { usePageTitle } from '../title';

async function call(contact: SyncContact): Promise<void> {
  if (!contact.phone) return;
  const result = await placeCall(contact.phone);
  if (!result.ok) void showToast(t('phone.notConnected'));
}

export default function ContactsPage(): JSX.Element {
  usePageTitle(() => t('contacts.title'));
  const [text, setText] = createSignal('');
  const contacts = createLive(() => currentStore()?.queries.contacts(text(), 100), []);
  const columns = 5;
  return (
    <div class="page">
      <div class="page-header">
        <h1>{t('contacts.title')}</h1>
      </div>
      <Show
        when={!(contacts.ready() && contacts().length === 0 && text() === '')}
        fallback={
          <EmptyState
            icon="contacts"
            heading={t('contacts.emptyHeading')}
            body={t('contacts.emptyBody')}
          />
        }
      >
        <div class="tasks-tools" role="search" aria-label={t('contacts.search')}>
          <input
            type="search"
            class="input"
            aria-label={t('contacts.search')}
            placeholder={t('contacts.search')}
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </div>
        <div class="table-wrap">
          <table class="table" aria-label={t('contacts.table')}>
            <thead>
              <tr>
                <th scope="col">{t('contacts.columns.name')}</th>
                <th scope="col">{t('contacts.columns.company')}</th>
                <th scope="col">{t('contacts.columns.phone')}</th>
                <th scope="col">{t('contacts.columns.email')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('contacts.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <Switch>
                <Match when={!contacts.ready()}>
                  <TableMessage columns={columns}>{t('contacts.loading')}</TableMessage>
                </Match>
                <Match when={contacts().length === 0}>
                  <TableMessage columns={columns}>{t('contacts.noMatch')}</TableMessage>
                </Match>
                <Match when={contacts().length > 0}>
                  <For each={contacts()}>
                    {(contact) => (
                      <tr>
                        <td class="nowrap">{contact.name}</td>
                        <td class="nowrap" classList={{ muted: !contact.company }}>
                          {contact.company ?? '—'}
                        </td>
                        <td class="nowrap">{contact.phone ?? '—'}</td>
                        <td class="nowrap">{contact.email ?? '—'}</td>
                        <td>
                          <Show when={contact.phone}>
                            <button
                              type="button"
                              class="btn btn-ghost btn-icon"
                              aria-label={t('contacts.call', { name: contact.name })}
                              onClick={() => void call(contact)}
                            >
                              <Icon name="call" />
                            </button>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </Match>
              </Switch>
            </tbody>
          </table>
        </div>
      </Show>
    </div>
  );
}
