// A filter that takes several values: a button that says what is chosen, opening a group of
// checkboxes (the disclosure pattern: native checkboxes, so keyboard and screen readers work as
// everywhere else). Escape or leaving the group closes it.
import { createSignal, For, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { Icon } from '../../ui';

export interface Choice {
  value: string;
  label: string;
}

export function ChoiceMenu(props: {
  label: string;
  anyLabel: string;
  choices: readonly Choice[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  /** Shown instead of the checkboxes when there is nothing to choose from. */
  emptyText?: string;
}): JSX.Element {
  const [open, setOpen] = createSignal(false);
  const panelId = `choices-${Math.random().toString(36).slice(2, 8)}`;
  let button!: HTMLButtonElement;

  const summary = () => {
    const labels = props.selected.map((v) => props.choices.find((c) => c.value === v)?.label ?? v);
    if (labels.length === 0) return props.anyLabel;
    if (labels.length <= 2) return labels.join(', ');
    return t('tasks.filters.more', { first: labels[0] ?? '', n: labels.length - 1 });
  };
  const toggle = (value: string, on: boolean) => {
    const rest = props.selected.filter((v) => v !== value);
    props.onChange(on ? [...rest, value] : rest);
  };

  return (
    <div
      class="choice-menu"
      onFocusOut={(e) => {
        const to = e.relatedTarget as Node | null;
        if (to && !e.currentTarget.contains(to)) setOpen(false);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open()) {
          e.stopPropagation();
          setOpen(false);
          button.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        class="btn choice-button"
        classList={{ 'choice-button-set': props.selected.length > 0 }}
        aria-expanded={open()}
        aria-controls={panelId}
        onClick={() => setOpen(!open())}
      >
        {/* "Filter by …": the shell's agent status button is the one whose name starts "Status". */}
        <span class="visually-hidden">{t('tasks.filters.by')} </span>
        {t('tasks.filters.chosen', { label: props.label, values: summary() })}
        <Icon name="chevronDown" />
      </button>
      <div id={panelId} class="choice-panel" hidden={!open()}>
        <fieldset class="choice-group">
          <legend class="visually-hidden">{props.label}</legend>
          <Show
            when={props.choices.length > 0}
            fallback={<p class="muted choice-empty">{props.emptyText}</p>}
          >
            {/* Keyed by value (strings), so a new list of the same choices keeps its DOM and
                the focus stays on the checkbox just toggled. */}
            <For each={props.choices.map((c) => c.value)}>
              {(value) => (
                <label class="choice">
                  <input
                    type="checkbox"
                    checked={props.selected.includes(value)}
                    onChange={(e) => toggle(value, e.currentTarget.checked)}
                  />
                  {props.choices.find((c) => c.value === value)?.label ?? value}
                </label>
              )}
            </For>
          </Show>
        </fieldset>
      </div>
    </div>
  );
}
