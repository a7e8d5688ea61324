/**
 * `npm start`: one process serving what is configured. With no configuration at all it serves the local web
 * chat on http://127.0.0.1:3000 over the knowledge shipped in knowledge/corpus (the index is built on first start).
 */
import { ConfigError, loadConfig } from './config/load.js';
import { describeConfig } from './config/describe.js';
import { createLogger } from './log.js';
import { composeServer } from './server/compose.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const log = createLogger({ level: config.logLevel });
  const report = describeConfig(config);
  log.info({ event: 'starting', active: report.active });

  const composed = await composeServer(config, log);
  log.info({ event: 'listening', url: composed.running.url });
  if (process.stdout.isTTY) {
    console.log(`\nIntegriteitsbot draait op ${composed.running.url}\n  actief: ${report.active.join(', ')}\n`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ event: 'shutdown', signal });
    await composed.shutdown();
    log.info({ event: 'stopped' });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((e: unknown) => {
  // The message of a start-up error names configuration or files, never user text (no user has written yet).
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
