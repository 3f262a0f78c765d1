/**
 * Just enough of a browser's cookie store for one login walk: host-only and Domain cookies,
 * Path prefixes, expiry and deletion. The Secure flag is not enforced, since the broker runs on
 * plain http on loopback in tests, where browsers treat the origin as secure too.
 */
export class CookieJar {
  #cookies = new Map();

  constructor(now = () => Date.now()) {
    this.now = now;
  }

  /** Stores the Set-Cookie headers of a response received from `url`. */
  store(url, setCookieHeaders) {
    const { hostname } = new URL(url);
    for (const header of setCookieHeaders) {
      const cookie = parseSetCookie(header, hostname, this.now());
      if (!cookie) {
        continue;
      }
      const id = `${cookie.domain};${cookie.path};${cookie.name}`;
      if (cookie.expires !== null && cookie.expires <= this.now()) {
        this.#cookies.delete(id);
      } else {
        this.#cookies.set(id, cookie);
      }
    }
  }

  /** The Cookie header value for a request to `url`, or null when no cookie applies. */
  headerFor(url) {
    const { hostname, pathname } = new URL(url);
    const now = this.now();
    const pairs = [...this.#cookies.values()]
      .filter((c) => c.expires === null || c.expires > now)
      .filter((c) => (c.hostOnly ? hostname === c.domain : domainMatches(hostname, c.domain)))
      .filter((c) => pathMatches(pathname, c.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`);
    return pairs.length > 0 ? pairs.join("; ") : null;
  }

  /** The cookies as plain objects, for a jar kept in a file between two runs of the script. */
  toJSON() {
    return [...this.#cookies.values()];
  }

  /** A jar holding `cookies` as `toJSON` wrote them (or as a test wrote them: name, value, domain, path). */
  static fromJSON(cookies, now = () => Date.now()) {
    const jar = new CookieJar(now);
    for (const cookie of cookies) {
      const restored = { hostOnly: true, path: "/", expires: null, ...cookie };
      jar.#cookies.set(`${restored.domain};${restored.path};${restored.name}`, restored);
    }
    return jar;
  }
}

function parseSetCookie(header, hostname, now) {
  const [pair, ...attributes] = header.split(";");
  const separator = pair.indexOf("=");
  if (separator <= 0) {
    return null;
  }
  const cookie = {
    name: pair.slice(0, separator).trim(),
    value: pair.slice(separator + 1).trim(),
    domain: hostname,
    hostOnly: true,
    path: "/",
    expires: null,
  };
  for (const attribute of attributes) {
    const [rawName, ...rest] = attribute.split("=");
    const name = rawName.trim().toLowerCase();
    const value = rest.join("=").trim();
    if (name === "domain" && value) {
      cookie.domain = value.replace(/^\./, "").toLowerCase();
      cookie.hostOnly = false;
    } else if (name === "path" && value.startsWith("/")) {
      cookie.path = value;
    } else if (name === "max-age" && /^-?\d+$/.test(value)) {
      cookie.expires = now + Number(value) * 1000;
    } else if (name === "expires" && cookie.expires === null && !Number.isNaN(Date.parse(value))) {
      cookie.expires = Date.parse(value);
    }
  }
  return cookie;
}

function domainMatches(hostname, domain) {
  return hostname === domain || hostname.endsWith(`.${domain}`);
}

function pathMatches(requestPath, cookiePath) {
  return requestPath === cookiePath ||
    (requestPath.startsWith(cookiePath) && (cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/"));
}
