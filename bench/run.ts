// npm run bench [-- <name> ...]: runs the named benchmarks (default: all) and writes bench/results/<name>.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../server/src/config.js';
import { coverageBench } from './coverage.js';
import { clientBench } from './client.js';
import { foundationBench } from './foundation.js';
import { standoffBench } from './standoff.js';
import { vdaAnalysisBench } from './vda-analysis.js';
import { vdaPropagateBench } from './vda-propagate.js';
import { vdaRoutingBench } from './vda-routing.js';

const BENCHES: Record<string, () => Promise<Record<string, unknown>>> = {
  foundation: foundationBench,
  'vda-routing': vdaRoutingBench,
  'vda-propagate': vdaPropagateBench,
  'vda-analysis': vdaAnalysisBench,
  standoff: standoffBench,
  client: clientBench,
  coverage: coverageBench,
};

const names = process.argv.slice(2);
for (const name of names.length ? names : Object.keys(BENCHES)) {
  const bench = BENCHES[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  const machine = {
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    memGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
  const results = await bench();
  const out = path.join(repoRoot, 'bench/results', `${name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    `${JSON.stringify({ name, date: new Date().toISOString(), machine, results }, null, 2)}\n`,
  );
  console.log(`${name}: written to ${path.relative(repoRoot, out)}`);
}
