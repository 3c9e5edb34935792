// Main-thread side of the worker: one queue of calls, progress callbacks, cancel.
// The wasm never appears here: no init(), no .free().

export class AggloError extends Error {
  constructor({ message, code, location, fatal }) {
    super(message);
    this.name = 'AggloError';
    this.code = code;
    this.location = location;
    /** The worker's engine is unusable (a wasm trap): the page must start a new worker. */
    this.fatal = !!fatal;
  }
}

export class Bridge {
  constructor(workerFactory) {
    this.worker = workerFactory();
    this.next = 1;
    this.pending = new Map();
    this.worker.onmessage = (ev) => this.#onMessage(ev.data);
    this.worker.onerror = (ev) => {
      for (const [, p] of this.pending) p.reject(new AggloError({ message: `E_INTERNAL: worker failed: ${ev.message}`, code: 'E_INTERNAL' }));
      this.pending.clear();
    };
  }

  #onMessage(msg) {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg);
      return;
    }
    this.pending.delete(msg.id);
    if (msg.type === 'result') p.resolve(msg.value);
    else p.reject(new AggloError(msg.error));
  }

  /**
   * Call a worker method.
   * @param {string} method
   * @param {object} args
   * @param {{onProgress?: (p: {phase: string, done: number, total: number}) => void, signal?: AbortSignal}} [opts]
   */
  call(method, args, opts = {}) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress: opts.onProgress });
      if (opts.signal) {
        if (opts.signal.aborted) {
          this.pending.delete(id);
          reject(new AggloError({ message: 'E_CANCELLED: cancelled by the user', code: 'E_CANCELLED' }));
          return;
        }
        opts.signal.addEventListener('abort', () => this.worker.postMessage({ type: 'cancel', id }), { once: true });
      }
      this.worker.postMessage({ id, method, args });
    });
  }

  terminate() {
    this.worker.terminate();
  }
}

export function createBridge() {
  return new Bridge(() => new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'agglo' }));
}
