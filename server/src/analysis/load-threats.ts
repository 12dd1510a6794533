/** Reads data/threats.json once (kept apart from ./threats.ts so that stays free of Node APIs). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../config.js';
import { readThreatTable, type ThreatTable } from './threats.js';

export const THREATS_FILE = path.join(repoRoot, 'data/threats.json');

let table: ThreatTable | undefined;

/** The bomb stand-off chart (DOMAIN.md §4), checked; read from disk on first use. */
export function loadThreatTable(): ThreatTable {
  table ??= readThreatTable(JSON.parse(readFileSync(THREATS_FILE, 'utf8')));
  return table;
}
