/**
 * The embedded database may be opened by one process only: PGlite has no
 * shared-memory coordination, and a second writer silently loses commits.
 * A lock file in the data directory names the process that holds it.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export interface LockOwner {
  pid: number;
  hostname: string;
  command: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  readonly code = "database.locked";
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${owner.pid} ` +
        `("${owner.command}", started ${owner.startedAt} on ${owner.hostname}). ` +
        "Only one process can open it at a time: stop that process first, talk to the running " +
        "server over its HTTP API, or run Helpline on PostgreSQL (set DATABASE_URL) to use many processes.",
    );
    this.name = "DataDirLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as LockOwner;
  } catch {
    return undefined;
  }
}

export interface DataDirLock {
  release(): void;
}

export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, "helpline.lock");
  const me: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    command,
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          if (readOwner(path)?.pid === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = readOwner(path);
      const sameHost = !owner || owner.hostname === hostname();
      if (owner && owner.pid !== process.pid && (!sameHost || isAlive(owner.pid))) {
        throw new DataDirLockedError(dataDir, owner);
      }
      if (owner?.pid === process.pid) {
        throw new DataDirLockedError(dataDir, owner);
      }
      // The holder died without releasing (kill -9, power loss): the lock is stale.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}; remove ${path} if no Helpline process is running`);
}
