/**
 * The BFF's live heap, read through the V8 inspector of a BFF started with
 * `--inspect=127.0.0.1:<port>`: a full garbage collection first, so two readings compare what
 * is still reachable rather than when the collector last ran.
 */
import WebSocket from 'ws';

export type HeapProbe = { usedAfterGcMb: () => Promise<number>; close: () => void };

export async function connectHeapProbe(inspectorPort: number): Promise<HeapProbe> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  if (!targets[0]) throw new Error(`no inspector target on port ${inspectorPort}`);
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let next = 0;
  const pending = new Map<number, (result: unknown) => void>();
  socket.on('message', (data: WebSocket.RawData) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id === undefined) return;
    pending.get(message.id)?.(message.error ? new Error(message.error.message) : message.result);
    pending.delete(message.id);
  });
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++next;
      pending.set(id, (result) => (result instanceof Error ? reject(result) : resolve(result)));
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    usedAfterGcMb: async () => {
      await call('HeapProfiler.collectGarbage');
      const result = (await call('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true })) as {
        result: { value: number };
      };
      return Math.round((result.result.value / 1048576) * 10) / 10;
    },
    close: () => socket.close(),
  };
}
