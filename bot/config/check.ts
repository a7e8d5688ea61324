/** `npm run config:check`: validate the configuration and show what will run. Exit 1 on an invalid value. */
import { ConfigError, loadConfig } from './load.js';
import { describeConfig } from './describe.js';

try {
  const report = describeConfig(loadConfig());
  console.log('Configuration is valid.\n\nActive:');
  for (const line of report.active) console.log(`  ✓ ${line}`);
  console.log('\nNot active:');
  for (const line of report.inactive) console.log(`  · ${line}`);
  console.log('\nValues:');
  for (const [key, value] of Object.entries(report.values)) console.log(`  ${key} = ${value}`);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
