// Sessions: a versioned JSON file that reopens an analysis with the same numbers, and an autosave
// of the last session in this browser's IndexedDB (offered back after a reload or a crash).
// The datasets travel inside the session (base64), with a SHA-256 fingerprint checked on reopening.

export const SESSION_VERSION = 3;
const DB = 'agglo';
const STORE = 'sessions';

async function sha256(bytes) {
  const d = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, '0')).join('');
}

function toBase64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64) {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * Files larger than this are named in a session (name, size, options) but not stored: base64 of a
 * 1 GB file would need several GB of memory and the autosave would run on every change.
 */
export const SESSION_EMBED_LIMIT = 64 * 1024 ** 2;

/** Serialise one loaded file: {name, options, sha256, base64} (or {name, options, size} when large). */
export async function packFile(entry) {
  if (!entry) return null;
  const size = entry.file.size ?? entry.file.byteLength;
  if (size > SESSION_EMBED_LIMIT) return { name: entry.name, options: entry.options ?? null, size, sha256: null, base64: null };
  const bytes = new Uint8Array(await entry.file.arrayBuffer());
  return { name: entry.name, options: entry.options ?? null, sha256: await sha256(bytes), base64: toBase64(bytes) };
}

/** Back to {name, file, options}; the fingerprint must match. */
export async function unpackFile(packed) {
  if (!packed) return null;
  if (packed.base64 === null) {
    const mib = Math.round((packed.size ?? 0) / 1024 ** 2);
    throw Object.assign(
      new Error(`E_TOO_LARGE: this session names ${packed.name} (${mib} MiB) without storing it (files over ${SESSION_EMBED_LIMIT / 1024 ** 2} MiB are not kept in sessions): open the file again instead`),
      { code: 'E_TOO_LARGE', location: { file: packed.name } },
    );
  }
  const bytes = fromBase64(packed.base64);
  const got = await sha256(bytes);
  if (packed.sha256 && got !== packed.sha256) {
    throw Object.assign(new Error(`E_INVALID_PARAMETER: the session's copy of ${packed.name} is damaged (fingerprint mismatch)`), { code: 'E_INVALID_PARAMETER' });
  }
  return { name: packed.name, file: new File([bytes], packed.name), options: packed.options };
}

/**
 * Older session files are migrated to the current shape, one version step at a time.
 * v1 (first release): `{version: 1, files: {...}, industry, year, yearStart, method}` at top level.
 * v2: `{version: 2, app: 'agglo', files, view: {...}, views: {id: state}}`.
 * v3: v2 plus `shared: {key: state}`, the inputs several views share (uploaded cluster
 *   definitions, ...); the views' states may hold packed files of their own (IO table, edge list).
 *   A v2 file has none: the views start from their defaults (e.g. the US Cluster Mapping).
 */
export function migrate(session) {
  if (!session || (session.app !== 'agglo' && session.version !== 1)) {
    throw Object.assign(new Error('E_UNKNOWN_FORMAT: this is not an Agglo session file'), { code: 'E_UNKNOWN_FORMAT' });
  }
  let s = session;
  if (s.version === 1) {
    const { files, industry, year, yearStart, method, selected } = s;
    s = { version: 2, app: 'agglo', saved: s.saved ?? null, files, view: { tab: 'overview', industry, year, yearStart, method, k: 5, selected: selected ?? null }, views: {} };
  }
  if (s.version === 2) s = { ...s, version: 3, views: s.views ?? {}, shared: {} };
  if (s.version === SESSION_VERSION) return s;
  throw Object.assign(new Error(`E_UNKNOWN_FORMAT: session version ${session.version} is not one this Agglo reads (1 to ${SESSION_VERSION})`), { code: 'E_UNKNOWN_FORMAT' });
}

function db() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx(mode, fn) {
  const d = await db();
  try {
    return await new Promise((resolve, reject) => {
      const t = d.transaction(STORE, mode);
      const req = fn(t.objectStore(STORE));
      t.oncomplete = () => resolve(req?.result);
      t.onerror = () => reject(t.error);
    });
  } finally {
    d.close();
  }
}

export const autosave = {
  save: (session) => tx('readwrite', (s) => s.put(session, 'last')).catch(() => undefined),
  load: () => tx('readonly', (s) => s.get('last')).catch(() => undefined),
  /** Delete every stored session: the database itself goes. */
  clear: () =>
    new Promise((resolve) => {
      const req = indexedDB.deleteDatabase(DB);
      req.onsuccess = req.onerror = req.onblocked = () => resolve();
    }),
};
