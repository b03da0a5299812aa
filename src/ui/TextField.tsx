// A labelled native input: the label names the textbox, hint and error describe it.
import { createUniqueId, Show, splitProps, type JSX } from 'solid-js';

type InputProps = JSX.InputHTMLAttributes<HTMLInputElement>;

export function TextField(
  props: InputProps & { label: string; hint?: string; error?: string | null },
): JSX.Element {
  const [own, input] = splitProps(props, ['label', 'hint', 'error', 'id']);
  const fallbackId = createUniqueId();
  const id = () => own.id ?? fallbackId;
  const describedBy = () =>
    [own.hint ? `${id()}-hint` : null, own.error ? `${id()}-error` : null]
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <div class="field">
      <label class="field-label" for={id()}>
        {own.label}
      </label>
      <input
        class="input"
        id={id()}
        aria-describedby={describedBy()}
        aria-invalid={own.error ? 'true' : undefined}
        {...input}
      />
      <Show when={own.hint}>
        <p class="field-hint" id={`${id()}-hint`}>
          {own.hint}
        </p>
      </Show>
      <Show when={own.error}>
        <p class="field-error" id={`${id()}-error`}>
          {own.error}
        </p>
      </Show>
    </div>
  );
}
