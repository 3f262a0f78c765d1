// The reference OpenID Connect provider for the load runner's scenario `oidc-login-ref`: oidc-provider (the version
// pinned in package.json) configured as a deployment would run it, with the smallest login page a browser-less client
// can complete. Started by run-oidc-provider.sh beside this file; see docs/benchmarks.md, "OpenID Connect login".
//
//   node server.mjs            (environment: REFERENCE_OP_PORT, default 5095)
//
// What it does per login: /auth (client, redirect URI, PKCE S256 checked; interaction stored) -> /interaction/:uid (a
// username form) -> POST /interaction/:uid/login (account checked, grant with the requested scopes stored,
// interaction finished) -> /auth/:uid (session stored, code issued) -> /token (client_secret_basic, PKCE verified;
// opaque access token, rotating refresh token, RS256 ID token). The runner asks prompt=consent: oidc-provider grants
// offline_access (the refresh token the broker also issues) only then, as OIDC Core 11 says. Production settings: no
// dev interactions, a real signing key, signed cookies, explicit lifetimes, only errors logged.

import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import { MapAdapter, storedEntries } from './store.mjs';

const port = Number.parseInt(process.env.REFERENCE_OP_PORT ?? '5095', 10);
const issuer = `http://127.0.0.1:${port}`;

// The load client. Its secret is a published test value like SimpleSAMLphp's test password in the SAML reference
// (loopback only); the runner knows the same values (loadtests/NemLogin.LoadTests/Parties/OidcLoadClient.cs).
const client = {
  client_id: 'nemlogin-load-rp',
  client_secret: 'reference-op-load-test-secret-0123456789abcdef',
  redirect_uris: [`${issuer}/load-rp/callback`],
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
  id_token_signed_response_alg: 'RS256',
};

// The runner's test users (its default --users), with the claims the broker releases for the same scopes.
const substantial = 'https://data.gov.dk/concept/core/nsis/loa/Substantial';
const people = new Map([
  ['alice', { given_name: 'Alice', family_name: 'Andersen', birthdate: '1980-01-01' }],
  ['bent', { given_name: 'Bent', family_name: 'Bentsen', birthdate: '1975-05-05' }],
  ['dorte', { given_name: 'Dorte', family_name: 'Dahl', birthdate: '1990-09-09' }],
]);

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  adapter: MapAdapter,
  clients: [client],
  jwks: { keys: [{ ...signingKey, kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' }] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  features: {
    devInteractions: { enabled: false },
    revocation: { enabled: true },
  },
  responseTypes: ['code'],
  pkce: { required: () => true },
  scopes: ['openid', 'offline_access', 'profile', 'nemlogin'],
  claims: {
    // As the broker's ID tokens: the achieved level, the methods and the time of authentication always.
    openid: ['sub', 'acr', 'amr', 'auth_time'],
    profile: ['name', 'given_name', 'family_name', 'birthdate'],
    nemlogin: ['loa', 'ial', 'aal'],
  },
  // Like the broker: the claims of the granted scopes are in the ID token, not only at userinfo.
  conformIdTokenClaims: false,
  acrValues: [substantial],
  findAccount: async (_ctx, sub) => {
    const person = people.get(sub);
    return person && {
      accountId: sub,
      claims: async () => ({
        sub,
        name: `${person.given_name} ${person.family_name}`,
        ...person,
        loa: 'Substantial',
        ial: 'Substantial',
        aal: 'Substantial',
      }),
    };
  },
  interactions: { url: async (_ctx, interaction) => `/interaction/${interaction.uid}` },
  // Lifetimes close to the broker's (Oidc:AccessTokenLifetime 10 min, refresh 8 h).
  ttl: {
    AccessToken: 600,
    AuthorizationCode: 60,
    IdToken: 300,
    RefreshToken: 8 * 3600,
    Interaction: 600,
    Session: 8 * 3600,
    Grant: 8 * 3600,
  },
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    ctx.body = `<!DOCTYPE html><title>Error</title><p data-error-code="${escapeHtml(out.error)}">${escapeHtml(out.error_description ?? out.error)}</p>`;
  },
});

// Only what goes wrong reaches the log.
provider.on('server_error', (_ctx, error) => console.error('server_error', error));

const oidc = provider.callback();

const server = createServer((req, res) => {
  const path = req.url.split('?', 1)[0];
  const login = /^\/interaction\/([\w-]+)(\/login)?$/.exec(path);
  if (!login) {
    oidc(req, res);
    return;
  }

  const handle = login[2] ? submitLogin : showLogin;
  handle(req, res, login[1]).catch((error) => {
    console.error('interaction failed', error);
    send(res, 500, 'text/plain', 'interaction failed');
  });
});

async function showLogin(req, res, uid) {
  if (req.method !== 'GET') {
    send(res, 405, 'text/plain', 'method not allowed');
    return;
  }

  const interaction = await provider.interactionDetails(req, res);
  if (interaction.uid !== uid || interaction.prompt.name !== 'login') {
    send(res, 400, 'text/plain', 'no login is pending here');
    return;
  }

  send(res, 200, 'text/html; charset=utf-8', `<!DOCTYPE html><html><head><title>Log in</title></head><body>
<form method="post" action="/interaction/${uid}/login">
<label>Username <input name="username" autocomplete="username"></label>
<button type="submit" name="action" value="login">Log in</button>
</form></body></html>`);
}

async function submitLogin(req, res, uid) {
  if (req.method !== 'POST') {
    send(res, 405, 'text/plain', 'method not allowed');
    return;
  }

  const form = new URLSearchParams(await readBody(req));
  const interaction = await provider.interactionDetails(req, res);
  const username = form.get('username') ?? '';
  if (interaction.uid !== uid || !people.has(username)) {
    send(res, 400, 'text/plain', 'unknown user or no login pending');
    return;
  }

  // Login and consent in one step: the load client is first-party, so its requested scopes are granted here.
  const { params } = interaction;
  const grant = new provider.Grant({ accountId: username, clientId: params.client_id });
  grant.addOIDCScope(params.scope);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, {
    login: { accountId: username, acr: substantial, amr: ['mfa'] },
    consent: { grantId },
  }, { mergeWithLastSubmission: false });
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > 8192) {
        reject(new Error('form too large'));
        req.destroy();
        return;
      }

      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res, status, type, body) {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

server.keepAliveTimeout = 30_000;
server.listen(port, '127.0.0.1', () => console.log(`reference OP listening at ${issuer}`));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.log(`stopping; ${storedEntries()} entries stored`);
    server.close();
    process.exit(0);
  });
}
