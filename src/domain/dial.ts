// Turns what a tel:/sip: link or a paste hands us into something the dialer can show.

/**
 * `tel:+420 123;ext=2` → `+420 123`, `sip:1001@pbx.example;transport=ws` → `1001@pbx.example`,
 * anything else is trimmed. Protocol handlers pass the whole URL, percent-encoded once more.
 */
export function dialTargetFromLink(raw: string | null | undefined): string {
  if (!raw) return '';
  let value = raw.trim();
  try {
    value = decodeURIComponent(value);
  } catch {
    // Not percent-encoded after all: keep it as typed.
  }
  const match = /^(tel|sips?|callto):(?:\/\/)?(.*)$/i.exec(value);
  if (match) {
    value = (match[2] ?? '').split(';')[0] ?? '';
    value = value.split('?')[0] ?? '';
  }
  return value.trim().slice(0, 128);
}
