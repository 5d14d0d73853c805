/** Time is injected: core code asks the clock, never the system. */
export interface Clock {
  now(): Date;
}

/** A clock that stands still until moved: for tests and simulations. */
export function fixedClock(start: Date): Clock & { advance(ms: number): void; set(d: Date): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms;
    },
    set(d) {
      t = d.getTime();
    },
  };
}
