import type { StorageOptions, SyncEngine } from '../../src/store';
import type { FakeEnvironment } from '../../src/store/testing/fake-environment';
import type { TcpProxy } from '../support/tcp-proxy.js';
import type { Browser, Tab } from './browser-fetch';
import type { Random } from './prng';
import type { ServerProcess } from './server-process';
import type { User } from './user';

/** A page of the PWA: its fetch and its store engine on the shared IndexedDB database. */
export interface OpenTab {
  tab: Tab;
  engine: SyncEngine;
}

/** Everything a fault scenario may touch. */
export interface World {
  random: Random;
  browser: Browser;
  proxy: TcpProxy;
  server: ServerProcess;
  /** One host for every tab: online/offline and the engines' retry timers. */
  env: FakeEnvironment;
  user: User;
  userId: string;
  instanceId: string;
  /** The browser profile's IndexedDB. */
  storage: StorageOptions;
  tabs: OpenTab[];
  /** The transport's deadline: a silent server costs this much per request. */
  timeoutMs: number;
  openTab(): Promise<OpenTab>;
  tabOf(tab: Tab): OpenTab;
  /**
   * Closes the page at once (engine and database closed, its requests aborted), as a browser
   * does; the promise ends when its interrupted flush has given up.
   */
  closeTab(open: OpenTab): Promise<void>;
  /** Waits for every tab's flush (starting one where none runs). */
  settle(): Promise<void>;
  /** Faults that are not a push's: counted by kind for the report. */
  count(kind: string): void;
  note(line: string): void;
}
