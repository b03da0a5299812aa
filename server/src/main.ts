import { buildApp } from './app.js';
import { ConfigError, parseConfig, type Config } from './config.js';
import {
  deleteExpiredSessions,
  deleteStaleRateWindows,
  migrateToLatest,
  openDatabase,
} from './db/index.js';
import { DEMO_PASSWORD, seedDemoIfEmpty } from './demo/seed.js';

const SHUTDOWN_GRACE_MS = 5000;

function loadConfig(): Config {
  try {
    return parseConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  const migrated = await migrateToLatest(database.db);
  const app = await buildApp({ config, db: database.db });
  // Housekeeping at start: expired sessions and rate-limit windows older than a day.
  const now = Date.now();
  await deleteExpiredSessions(database.db, new Date(now).toISOString());
  await deleteStaleRateWindows(database.db, new Date(now - 24 * 60 * 60 * 1000).toISOString());
  if (migrated.applied.length > 0) app.log.info({ applied: migrated.applied }, 'database migrated');

  if (config.seedDemo) {
    const result = await seedDemoIfEmpty(database.db, { scryptLogN: config.scryptLogN });
    if (result.seeded) {
      console.log(
        `\nDemo data seeded. Sign in at ${config.publicUrl} with password "${DEMO_PASSWORD}":`,
      );
      for (const login of result.logins) {
        console.log(`  ${login.email.padEnd(22)} ${login.name.padEnd(14)} ${login.instances}`);
      }
      console.log('');
    } else {
      app.log.info(`demo not seeded: ${result.reason}`);
    }
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      app.log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    app.log.info(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
    force.unref();
    void app
      .close()
      .then(() => database.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  console.log(
    `Switchboard ${config.appVersion} (${config.build}) listening on ${config.publicUrl}`,
  );
}

main().catch((error: unknown) => {
  console.error('Switchboard failed to start:', error);
  process.exit(1);
});
