import fs from 'node:fs';
import path from 'node:path';

/** Another live process holds the embedded data directory. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the embedded data directory for this process. PGlite has no cross-process locking: two processes
 * on one directory each see only their own writes and the last to close wins, silently losing the other's.
 * A lock left by a process that died is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'bulwark.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DataDirInUseError(
          `The embedded database in ${dataDir} is in use by another Bulwark process (pid ${pid}), probably a ` +
            'running server. Stop it first, import through the running server (POST /api/imports), or set ' +
            'BULWARK_DATA_DIR to another directory.',
        );
      }
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new DataDirInUseError(`Could not take the lock on ${dataDir}: another process keeps creating it.`);
}
