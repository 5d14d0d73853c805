/** Samples the process's resident set size (main thread + the PGlite worker thread) on a timer. */
export interface RssSampler {
  /** Current RSS in MB. */
  now(): number;
  /** Highest RSS seen since start, in MB. */
  peak(): number;
  stop(): void;
}

const MB = 1024 * 1024;

export function startRssSampler(everyMs = 100): RssSampler {
  let peak = process.memoryUsage.rss();
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
    return rss;
  };
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    now: () => sample() / MB,
    peak: () => {
      sample();
      return peak / MB;
    },
    stop: () => clearInterval(timer),
  };
}
