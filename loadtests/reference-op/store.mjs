// The reference OP's storage: every model in one process-wide Map, entries dropped when their lifetime ends (like a
// Redis with TTLs), no size cap. oidc-provider's built-in adapter is an LRU of 1,000 entries: at a few hundred logins
// a second it would evict interactions and codes mid-login, which a production store never does.

const entries = new Map(); // "Model:id" -> { payload, expiresAt (ms, Infinity when none) }
const sessionsByUid = new Map(); // session uid -> session id
const grantMembers = new Map(); // grantId -> Set of "Model:id" keys issued under it

const grantBound = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

function live(key) {
  const entry = entries.get(key);
  if (!entry) {
    return undefined;
  }

  if (entry.expiresAt <= Date.now()) {
    forget(key);
    return undefined;
  }

  return entry.payload;
}

function forget(key) {
  const entry = entries.get(key);
  if (!entry) {
    return;
  }

  entries.delete(key);
  const { payload } = entry;
  if (key.startsWith('Session:') && payload.uid && sessionsByUid.get(payload.uid) === key.slice('Session:'.length)) {
    sessionsByUid.delete(payload.uid);
  }

  if (payload.grantId) {
    const members = grantMembers.get(payload.grantId);
    members?.delete(key);
    if (members?.size === 0) {
      grantMembers.delete(payload.grantId);
    }
  }
}

// Expired entries are swept every few seconds so memory follows the lifetimes, not the number of logins so far.
const sweep = setInterval(() => {
  const now = Date.now();
  for (const [key, entry] of entries) {
    if (entry.expiresAt <= now) {
      forget(key);
    }
  }
}, 5_000);
sweep.unref();

export class MapAdapter {
  constructor(model) {
    this.model = model;
  }

  key(id) {
    return `${this.model}:${id}`;
  }

  async upsert(id, payload, expiresIn) {
    const key = this.key(id);
    forget(key);
    const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Infinity;
    entries.set(key, { payload, expiresAt });
    if (this.model === 'Session' && payload.uid) {
      sessionsByUid.set(payload.uid, id);
    }

    if (grantBound.has(this.model) && payload.grantId) {
      let members = grantMembers.get(payload.grantId);
      if (!members) {
        members = new Set();
        grantMembers.set(payload.grantId, members);
      }

      members.add(key);
    }
  }

  async find(id) {
    return live(this.key(id));
  }

  async findByUid(uid) {
    const id = sessionsByUid.get(uid);
    return id === undefined ? undefined : live(`Session:${id}`);
  }

  async findByUserCode() {
    return undefined; // no device flow here
  }

  async consume(id) {
    const payload = live(this.key(id));
    if (payload) {
      payload.consumed = Math.floor(Date.now() / 1000);
    }
  }

  async destroy(id) {
    forget(this.key(id));
  }

  async revokeByGrantId(grantId) {
    for (const key of [...(grantMembers.get(grantId) ?? [])]) {
      forget(key);
    }

    grantMembers.delete(grantId);
  }
}

/** How many entries are held, for the server's exit line. */
export function storedEntries() {
  return entries.size;
}
