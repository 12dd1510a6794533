// npm run migrate -- [up | down [steps] | status]
import { loadConfig } from '../config.js';
import { migrateDown, migrateUp, migrationStatus } from '../db/migrate.js';
import { openDb } from '../db/open-db.js';

const [command = 'up', stepsArg] = process.argv.slice(2);
const USAGE = 'usage: npm run migrate -- [up | down [steps] | status]';

if (!['up', 'down', 'status'].includes(command)) {
  console.error(USAGE);
  process.exit(2);
}
const steps = stepsArg === undefined ? 1 : Number(stepsArg);
if (!Number.isInteger(steps) || steps < 1) {
  console.error(`steps must be a positive integer, got "${stepsArg}"\n${USAGE}`);
  process.exit(2);
}

const config = loadConfig();
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: console.log });
try {
  if (command === 'up') {
    const applied = await migrateUp(db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
  } else if (command === 'down') {
    console.log(`undone: ${(await migrateDown(db, steps)).join(', ')}`);
  } else {
    for (const m of await migrationStatus(db)) {
      console.log(`${String(m.version).padStart(4, '0')} ${m.name}  ${m.applied ? 'applied' : 'pending'}`);
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
