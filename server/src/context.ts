import type { PasswordChecker } from './accounts/password.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/index.js';
import type { Mailer } from './mail/mailer.js';

/** What request handlers need, passed explicitly: no module globals, one per app. */
export interface AppContext {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  readonly mailer: Mailer;
  readonly passwords: PasswordChecker;
}
