// The server's password rule (10 to 256 characters), checked before anything is sent.
export const passwordLength = { min: 10, max: 256 } as const;

export function passwordProblem(password: string): 'too-short' | 'too-long' | null {
  if (password.length < passwordLength.min) return 'too-short';
  if (password.length > passwordLength.max) return 'too-long';
  return null;
}
