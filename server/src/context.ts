import type { PasswordChecker } from './accounts/password.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/index.js';
import type { Mailer } from './mail/mailer.js';
import type { LocalPoker, Poker } from './sync/index.js';

/** What request handlers need, passed explicitly: no module globals, one per app. */
export interface AppContext {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  readonly mailer: Mailer;
  readonly passwords: PasswordChecker;
  /** Pokes the users a committed sync change concerns (on every node, once there are several). */
  readonly poker: Poker;
  /** This node's sync WebSockets. */
  readonly sockets: LocalPoker;
}
