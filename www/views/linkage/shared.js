// State shared by the two linkage views (the IO tab and the Network tab): whether an IO table is
// loaded in the worker, so the Network tab can offer its industry linkage graph.
export const linkage = { io: null };

/** Bytes of a File or a same-origin URL, for the worker (a transferable Uint8Array). */
export async function bytesOf(fileOrUrl) {
  if (typeof fileOrUrl === 'string') {
    const r = await fetch(fileOrUrl);
    if (!r.ok) throw new Error(`could not load ${fileOrUrl}: HTTP ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  }
  return new Uint8Array(await fileOrUrl.arrayBuffer());
}

/** Twelve distinguishable colours (Tableau 10 + two greys); the community number is always shown too. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
export const OTHER = '#8c8c8c';
