import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createSyncTransport } from '../../src/api/sync';
import type { AgentStatus } from '../../src/domain/agent-status';
import type { Change, MutationName } from '../../src/domain';
import { createSyncEngine, type StorageOptions } from '../../src/store';
import { FakeEnvironment } from '../../src/store/testing/fake-environment';
import { freePort } from '../support/kamailio.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { Browser, type Tab } from './browser-fetch';
import { scenarios, scenarioWeights, type Scenario } from './faults';
import { expectedState, type ExpectedFilter, type Initial } from './model';
import { seededRandom } from './prng';
import { sabotageOnce, type Sabotage } from './sabotage';
import { pullAll, signIn } from './server-api';
import { serverProcess } from './server-process';
import { User } from './user';
import { verify, type Verdict } from './verify';
import type { OpenTab, World } from './world';

// The chaos run (issue 4): the real store (src/store) and the real fetch transport (src/api) in
// Node on fake-indexeddb, against the real built server on its own SQLite file, through a
// switchable TCP proxy. Each cycle draws a fault from the seed; at the end the network heals, the
// outbox drains, and the server must hold exactly what the model says.

export interface ChaosOptions {
  seed: number;
  cycles: number;
  /** The transport's deadline per request (short: a silent server costs this much). */
  timeoutMs?: number;
  log?: (line: string) => void;
  /** Draw only these (default: all, by scenarioWeights). */
  scenarios?: readonly Scenario[];
  /** Self-test only: a server that breaks the rules once, which the checks must notice. */
  sabotage?: Sabotage;
}

export interface ChaosReport extends Verdict {
  seed: number;
  cycles: number;
  /** Faults that happened, by kind (a push fault counts when a push met it). */
  faults: Record<string, number>;
  mutations: Partial<Record<MutationName, number>>;
  pushes: number;
  durationMs: number;
  /** The cycles as they ran: what to read when a seed fails. */
  trace: string[];
}

const email = 'alice@demo.test';
const password = 'demo-password';

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = performance.now();
  const { seed, cycles } = options;
  const timeoutMs = options.timeoutMs ?? 500;
  const log = options.log ?? (() => {});
  const random = seededRandom(seed);
  const trace: string[] = [];
  const note = (line: string) => {
    trace.push(line);
    log(line);
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-chaos-'));
  const port = await freePort(new Set());
  const proxy = await startTcpProxy({ targetPort: port });
  const server = serverProcess({ port, dbFile: path.join(dir, 'chaos.db'), publicUrl: proxy.url });
  const tabs: OpenTab[] = [];
  const faults = new Map<string, number>();
  try {
    await server.start();
    const session = await signIn(server.url, email, password);
    const { userId, instanceId } = session;
    const bootstrap = await pullAll(server.url, session, null);
    const initial = initialState(bootstrap.changes, userId);
    const browser = new Browser(proxy.url, session.cookie);
    const env = new FakeEnvironment(true);
    const storage: StorageOptions = { indexedDB: new IDBFactory(), IDBKeyRange };
    const user = new User(random, String(seed), [...initial.filters.keys()]);

    const world: World = {
      random,
      browser,
      proxy,
      server,
      env,
      user,
      userId,
      instanceId,
      storage,
      tabs,
      timeoutMs,
      async openTab() {
        const tab = browser.openTab();
        const engine = createSyncEngine({
          userId,
          instanceId,
          transport: createSyncTransport({
            fetch: tab.fetch,
            baseUrl: proxy.url,
            timeoutMs,
            // No pokes: pulls come from flushes and start, so a seed replays the same pushes.
            webSocket: () => ({ close() {} }) as unknown as WebSocket,
          }),
          environment: env,
          storage,
        });
        const open = { tab, engine };
        tabs.push(open);
        await engine.start();
        return open;
      },
      tabOf(tab: Tab) {
        const open = tabs.find((t) => t.tab === tab);
        if (!open) throw new Error(`tab ${tab.id} is not open`);
        return open;
      },
      async closeTab(open) {
        const running = open.engine.state.get().flushing ? open.engine.flushNow() : null;
        open.engine.close();
        open.tab.close();
        tabs.splice(tabs.indexOf(open), 1);
        await running;
      },
      async settle() {
        await Promise.all(tabs.map((t) => t.engine.flushNow()));
      },
      count(kind) {
        faults.set(kind, (faults.get(kind) ?? 0) + 1);
      },
      note,
    };

    note(`chaos seed ${seed}, ${cycles} cycles`);
    const first = await world.openTab();
    // Tasks of the run's own: nobody else changes them, so the model knows their whole log.
    await user.perform(first.engine, [user.newTask(), user.newTask(), user.newTask()]);
    await world.settle();

    if (options.sabotage) sabotageOnce(browser, options.sabotage);
    for (let cycle = 1; cycle <= cycles; cycle++) {
      const scenario: Scenario = options.scenarios
        ? random.pick(options.scenarios)
        : random.weighted(scenarioWeights);
      const fireTimers = random.chance(0.5);
      note(`#${cycle} ${scenario}`);
      if (!pushFaults.has(scenario)) world.count(scenario);
      await scenarios[scenario](world);
      const unmet = browser.clearFaults();
      if (unmet > 0) note(`  ${unmet} planned fault(s) met no push`);
      if (fireTimers) {
        // The backoff timers come due.
        env.fireTimers();
        await world.settle();
      }
    }

    // Heal everything and let the store drain its outbox, as a page on a good network does.
    note('heal');
    proxy.setMode('pass');
    if (!server.running()) await server.start();
    if (!env.online) env.setOnline(true);
    if (tabs.length === 0) await world.openTab();
    env.fireTimers();
    await world.settle();
    const last = tabs[0];
    if (!last) throw new Error('no tab');
    await last.engine.pullNow();

    for (const [kind, n] of browser.injected) faults.set(kind, (faults.get(kind) ?? 0) + n);
    const expected = expectedState(initial, user.queued);
    const verdict = await verify({
      serverUrl: server.url,
      session,
      startCursor: bootstrap.cursor,
      expected,
      missingTasks: user.missingTasks,
      db: last.engine.db,
    });
    const states = tabs.map((t) => t.engine.state.get());
    for (const state of states) {
      if (state.authRequired) verdict.mismatches.push('a tab asks to sign in again');
    }
    const mutations: Partial<Record<MutationName, number>> = {};
    for (const m of user.queued) mutations[m.name] = (mutations[m.name] ?? 0) + 1;
    return {
      ...verdict,
      seed,
      cycles,
      faults: Object.fromEntries([...faults].sort(([a], [b]) => a.localeCompare(b))),
      mutations,
      pushes: browser.pushes,
      durationMs: Math.round(performance.now() - started),
      trace,
    };
  } finally {
    for (const open of tabs.splice(0)) {
      open.engine.close();
      open.tab.close();
    }
    await proxy.close();
    await server.stop('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Scenarios whose fault is counted when a push meets it (Browser.injected). */
const pushFaults = new Set<Scenario>([
  'http500',
  'hangMidPush',
  'answerLost',
  'duplicate',
  'restartMidPush',
  'closeMidFlush',
]);

function initialState(changes: readonly Change[], userId: string): Initial {
  const filters = new Map<string, ExpectedFilter>();
  let agentStatus: { status: AgentStatus; since: string } | null = null;
  for (const change of changes) {
    if (change.op !== 'put') continue;
    if (change.kind === 'filter' && change.value.ownerId === userId) {
      const { name, shared, query } = change.value;
      filters.set(change.value.id, { name, shared, query });
    }
    if (change.kind === 'agentStatus' && change.value.userId === userId) {
      agentStatus = { status: change.value.status, since: change.value.since };
    }
  }
  return { filters, agentStatus };
}
