// The Switchboard mark (same drawing as public/logo.svg), inline so it costs no request.
import type { JSX } from 'solid-js';

export function Logo(props: { size?: number }): JSX.Element {
  return (
    <svg
      class="logo"
      width={props.size ?? 24}
      height={props.size ?? 24}
      viewBox="0 0 512 512"
      aria-hidden="true"
    >
      <rect width="512" height="512" rx="112" fill="#3447c9" />
      <path
        d="M132 284v-30a124 124 0 0 1 248 0v30"
        fill="none"
        stroke="#fff"
        stroke-width="36"
        stroke-linecap="round"
      />
      <path
        d="M364 356v6a50 50 0 0 1-50 50h-34"
        fill="none"
        stroke="#fff"
        stroke-width="28"
        stroke-linecap="round"
      />
      <rect x="106" y="256" width="78" height="112" rx="30" fill="#fff" />
      <rect x="328" y="256" width="78" height="112" rx="30" fill="#fff" />
      <rect x="222" y="392" width="70" height="40" rx="20" fill="#7ee0c3" />
    </svg>
  );
}
