/**
 * Runs the items given for one key in groups, one group after another, in arrival order: what
 * arrives while a group runs waits and goes into the next one (at most `maxGroup` at a time). Items
 * for other keys run alongside. The first item for an idle key runs alone at once; a group forms only
 * when items queue up. `run` answers one settled result per item, in the items' order.
 *
 * Within one process only: it lets the contenders of one container share a write instead of
 * cancelling each other over an item (docs/contention-model.md), and does nothing across processes.
 */
export function groupedQueue<T, R>(
  run: (items: T[]) => Promise<Array<PromiseSettledResult<R>>>,
  maxGroup: number,
): (key: string, item: T) => Promise<R> {
  type Waiting = { item: T; resolve: (r: R) => void; reject: (e: unknown) => void };
  const waiting = new Map<string, Waiting[]>();

  async function drain(key: string, queue: Waiting[]): Promise<void> {
    while (queue.length > 0) {
      const group = queue.splice(0, maxGroup);
      let results: Array<PromiseSettledResult<R>>;
      try {
        results = await run(group.map((w) => w.item));
      } catch (e) {
        results = group.map(() => ({ status: 'rejected', reason: e }));
      }
      group.forEach((w, i) => {
        const r = results[i];
        if (r?.status === 'fulfilled') w.resolve(r.value);
        else w.reject(r ? r.reason : new Error('grouped queue: no result for an item'));
      });
    }
    waiting.delete(key);
  }

  return (key, item) =>
    new Promise<R>((resolve, reject) => {
      const queue = waiting.get(key);
      if (queue) {
        queue.push({ item, resolve, reject });
        return;
      }
      const fresh: Waiting[] = [{ item, resolve, reject }];
      waiting.set(key, fresh);
      void drain(key, fresh);
    });
}
