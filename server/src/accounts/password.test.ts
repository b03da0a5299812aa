import { describe, expect, it } from 'vitest';
import { hashPassword, PasswordChecker, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('stores scrypt parameters with salt and hash, and verifies', async () => {
    const stored = await hashPassword('correct horse battery', 10);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
  });

  it('salts: the same password hashes differently', async () => {
    expect(await hashPassword('same password', 4)).not.toBe(await hashPassword('same password', 4));
  });

  it('uses the strong production cost by default (N = 2^15)', async () => {
    const stored = await new PasswordChecker(15).hash('production-password');
    expect(stored.split('$')[1]).toBe(String(2 ** 15));
    expect(await verifyPassword('production-password', stored)).toBe(true);
  });

  it('rejects malformed stored hashes instead of throwing', async () => {
    for (const stored of ['', 'plain', 'scrypt$x$8$1$a$b', 'bcrypt$1$2$3$4$5']) {
      expect(await verifyPassword('anything', stored)).toBe(false);
    }
  });

  it('a missing account still spends a hash and answers false', async () => {
    const checker = new PasswordChecker(10);
    expect(await checker.check('whatever-password', undefined)).toBe(false);
    expect(await checker.check('whatever-password', null)).toBe(false);
  });
});
