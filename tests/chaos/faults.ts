import { SyncDb, dbNameFor, flushOutbox } from '../../src/store';
import { createSyncTransport } from '../../src/api/sync';
import { networkError, untilAborted } from './browser-fetch';
import type { OpenTab, World } from './world';

// One chaos cycle per scenario: a fault, the user working through it, the store flushing into
// it. Every random draw happens before anything runs concurrently, so a seed replays the same
// faults and the same actions (only network timing varies).

export const scenarioWeights = {
  calm: 1,
  offline: 2,
  unreachable: 1,
  http500: 2,
  timeout: 1,
  hangMidPush: 1,
  answerLost: 2,
  duplicate: 2,
  restart: 2,
  restartMidPush: 1,
  closeMidFlush: 2,
  secondTab: 1,
  unlockedFlush: 1,
} as const;
export type Scenario = keyof typeof scenarioWeights;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function actor(world: World): OpenTab {
  return world.random.pick(world.tabs);
}

/** Plans 1–5 actions of the user in one tab and performs them. */
async function work(world: World, open = actor(world)): Promise<void> {
  const intents = world.user.plan(world.random.int(1, 5));
  world.note(`  tab ${open.tab.id}: ${intents.map((i) => i.name).join(', ')}`);
  await world.user.perform(open.engine, intents);
}

async function offline(world: World): Promise<void> {
  const reopen = world.random.chance(0.4);
  world.env.setOnline(false);
  world.proxy.setMode('refuse');
  await work(world);
  if (reopen) {
    // The browser restarts offline: the outbox survives in IndexedDB.
    world.note('  browser restart while offline');
    const open = actor(world);
    await world.closeTab(open);
    if (world.tabs.length === 0) await world.openTab();
    await work(world);
  }
  world.proxy.setMode('pass');
  world.env.setOnline(true);
  await world.settle();
}

async function unreachable(world: World): Promise<void> {
  world.proxy.setMode('refuse');
  await work(world);
  await world.settle();
  world.proxy.setMode('pass');
}

async function http500(world: World): Promise<void> {
  const times = world.random.int(1, 3);
  for (let i = 0; i < times; i++) {
    world.browser.failNextPush(
      'http500',
      async () =>
        new Response(JSON.stringify({ error: { code: 'internal', message: 'Chaos says 500.' } }), {
          status: 500,
          headers: { 'content-type': 'application/json' },
        }),
    );
  }
  await work(world);
  await world.settle();
}

/** The server (as the proxy sees it) goes silent: requests are swallowed until the deadline. */
async function timeout(world: World): Promise<void> {
  world.proxy.setMode('hang');
  await work(world);
  await world.settle();
  world.proxy.setMode('pass');
}

/** Silence falls while a push is on its way: it may or may not have reached the server. */
async function hangMidPush(world: World): Promise<void> {
  const after = world.random.int(0, 10);
  world.browser.failNextPush('hangMidPush', async (call) => {
    const answer = call.forward();
    await delay(after);
    world.proxy.setMode('hang');
    return answer;
  });
  await work(world);
  await world.settle();
  world.proxy.setMode('pass');
}

/** The server applies the push, the answer never arrives: the client must send it again. */
async function answerLost(world: World): Promise<void> {
  world.browser.failNextPush('answerLost', async (call) => {
    const answer = await call.forward();
    await answer.arrayBuffer();
    throw networkError('the answer was lost');
  });
  await work(world);
  await world.settle();
}

/** The same push reaches the server twice, side by side or one after the other. */
async function duplicate(world: World): Promise<void> {
  const concurrent = world.random.chance(0.5);
  const useSecond = world.random.chance(0.5);
  world.browser.failNextPush(
    concurrent ? 'duplicateConcurrent' : 'duplicateSequential',
    async (call) => {
      if (concurrent) {
        const answers = await Promise.all([call.forward(), call.forward()]);
        const [kept, dropped] = useSecond ? [answers[1], answers[0]] : [answers[0], answers[1]];
        await dropped?.arrayBuffer();
        if (!kept) throw new Error('no answer');
        return kept;
      }
      const first = await call.forward();
      if (!useSecond) {
        // The copy arrives after the answer was read: the server must answer it from the record.
        const body = await first.text();
        await (await call.forward()).arrayBuffer();
        return new Response(body, { status: first.status, headers: first.headers });
      }
      await first.arrayBuffer();
      return call.forward();
    },
  );
  await work(world);
  await world.settle();
}

async function restart(world: World): Promise<void> {
  const signal = world.random.chance(0.5) ? 'SIGKILL' : 'SIGTERM';
  world.note(`  server ${signal}`);
  await world.server.stop(signal);
  await work(world);
  await world.settle();
  await world.server.start();
}

/** The server dies (SIGKILL) with a push in flight: applied or not, never half. */
async function restartMidPush(world: World): Promise<void> {
  const after = world.random.int(0, 20);
  let killed: Promise<void> = Promise.resolve();
  world.browser.failNextPush('restartMidPush', async (call) => {
    const answer = call.forward();
    await delay(after);
    killed = world.server.stop('SIGKILL');
    return answer;
  });
  await work(world);
  await world.settle();
  await killed;
  if (!world.server.running()) await world.server.start();
}

/**
 * The browser closes during a flush: before the push leaves, while it travels, or after its
 * answer came but before the store wrote it down. A new tab opens on the same database.
 */
async function closeMidFlush(world: World): Promise<void> {
  const when = world.random.pick(['beforeSend', 'inFlight', 'afterAnswer'] as const);
  const after = world.random.int(0, 15);
  let userDone!: () => void;
  const worked = new Promise<void>((resolve) => (userDone = resolve));
  let closing: Promise<void> = Promise.resolve();
  world.note(`  close ${when}`);
  world.browser.failNextPush(`closeMidFlush.${when}`, async (call) => {
    const open = world.tabOf(call.tab);
    // The user's actions finish first: a change is either queued or never made.
    if (when === 'beforeSend') {
      await worked;
      closing = world.closeTab(open);
      return untilAborted(call.signal);
    }
    if (when === 'inFlight') {
      const answer = call.forward();
      await worked;
      await delay(after);
      closing = world.closeTab(open);
      return answer;
    }
    const answer = await call.forward();
    const body = await answer.text();
    await worked;
    closing = world.closeTab(open);
    return new Response(body, { status: answer.status, headers: answer.headers });
  });
  await work(world);
  userDone();
  await world.settle();
  await closing;
  if (world.tabs.length === 0) await world.openTab();
}

/** A second tab on the same database: both work at once, then one of them closes. */
async function secondTab(world: World): Promise<void> {
  if (world.tabs.length >= 2) {
    const closing = actor(world);
    world.note(`  tab ${closing.tab.id} closes`);
    await world.closeTab(closing);
    await work(world);
    await world.settle();
    return;
  }
  const first = world.tabs[0];
  const second = await world.openTab();
  if (!first) throw new Error('no tab');
  const plans = [world.user.plan(world.random.int(1, 5)), world.user.plan(world.random.int(1, 5))];
  world.note(`  tab ${first.tab.id} and tab ${second.tab.id} at once`);
  await Promise.all([
    world.user.perform(first.engine, plans[0] ?? []),
    world.user.perform(second.engine, plans[1] ?? []),
  ]);
  await world.settle();
}

/**
 * A flusher that does not share the tabs' lock (a context without Web Locks): two pushes of the
 * same client race on the server.
 */
async function unlockedFlush(world: World): Promise<void> {
  const open = actor(world);
  await work(world, open);
  const tab = world.browser.openTab();
  const transport = createSyncTransport({
    fetch: tab.fetch,
    baseUrl: world.browser.origin,
    timeoutMs: world.timeoutMs,
  });
  const { userId } = world;
  const db = new SyncDb(dbNameFor(userId, world.instanceId), world.storage);
  try {
    await Promise.all([world.settle(), flushOutbox({ db, transport, userId })]);
  } finally {
    db.close();
    tab.close();
  }
}

export const scenarios: Record<Scenario, (world: World) => Promise<void>> = {
  calm: (world) => work(world).then(() => world.settle()),
  offline,
  unreachable,
  http500,
  timeout,
  hangMidPush,
  answerLost,
  duplicate,
  restart,
  restartMidPush,
  closeMidFlush,
  secondTab,
  unlockedFlush,
};
