/**
 * Runs the operations given for one key one after another, in arrival order; operations for other
 * keys run alongside. Within one process only: it spares contenders of one container from fighting
 * each other over an item, and does nothing for contenders in other processes.
 */
export function keyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return async function serialised<T>(key: string, op: () => Promise<T>): Promise<T> {
    const before = tails.get(key) ?? Promise.resolve();
    const run = before.then(op, op);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
