/**
 * A progress bar on stderr for long work. On a terminal it redraws one line;
 * elsewhere (CI logs, pipes) it prints a line every 10%.
 */
export interface Progress {
  tick(n?: number): void;
  done(summary?: string): void;
}

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let current = 0;
  let lastDecile = -1;
  let lastDraw = 0;
  const tty = stream.isTTY === true;
  const render = () => {
    const frac = total > 0 ? Math.min(1, current / total) : 1;
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? Math.round(current / secs) : 0;
    const eta = rate > 0 ? Math.max(0, Math.round((total - current) / rate)) : 0;
    const barWidth = 30;
    const filled = Math.round(frac * barWidth);
    const bar = `${"█".repeat(filled)}${"░".repeat(barWidth - filled)}`;
    return `${label} ${bar} ${(frac * 100).toFixed(0).padStart(3)}% ${current}/${total} ${rate}/s eta ${eta}s`;
  };
  return {
    tick(n = 1) {
      current += n;
      if (tty) {
        const now = Date.now();
        if (now - lastDraw > 100 || current >= total) {
          lastDraw = now;
          stream.write(`\r${render()}`);
        }
      } else {
        const decile = Math.floor((current / Math.max(1, total)) * 10);
        if (decile > lastDecile) {
          lastDecile = decile;
          stream.write(`${render()}\n`);
        }
      }
    },
    done(summary) {
      if (tty) stream.write(`\r${render()}\n`);
      if (summary) stream.write(`${summary}\n`);
    },
  };
}
