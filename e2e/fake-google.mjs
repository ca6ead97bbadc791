// A scripted Google for the end-to-end tests, on loopback: the OAuth consent screen, token endpoint and revocation,
// and the Drive v3 subset backups use. Started and stopped by start-server.sh; mirrors
// server/src/test/java/com/whatsdex/backups/FakeGoogle.java.
// - GET /auth consents at once: it remembers the PKCE challenge and sends the browser back to redirect_uri with a new
//   code and the state.
// - POST /token exchanges a code (S256 of the verifier must match the challenge) for a refresh token, an access token
//   and an ID token naming E2E_GOOGLE_EMAIL; a refresh token gives new access tokens until revoked.
// - Drive: one account's files in memory; folders, listing by parent, resumable uploads in chunks, download, delete.
import { createHash, randomUUID } from "node:crypto";
import { createServer } from "node:http";

const port = Number(process.env.E2E_GOOGLE_PORT ?? 18091);
const clientId = process.env.E2E_GOOGLE_CLIENT_ID ?? "e2e-client.apps.googleusercontent.com";
const clientSecret = process.env.E2E_GOOGLE_CLIENT_SECRET ?? "e2e-client-secret";
const email = process.env.E2E_GOOGLE_EMAIL ?? "backups@example.com";
const base = `http://127.0.0.1:${port}`;
const FOLDER_MIME = "application/vnd.google-apps.folder";

const codes = new Map(); // code -> { challenge, redirectUri }
const refreshTokens = new Set();
const accessTokens = new Set();
const files = new Map(); // id -> { id, name, mimeType, parents, data, createdTime }
const sessions = new Map(); // upload session id -> { name, parents, chunks, size }
let ids = 0;

createServer(async (req, res) => {
  try {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", base);
    const route = `${req.method} ${url.pathname}`;
    if (route === "GET /auth") return consent(url, res);
    if (route === "POST /token") return token(form(body), res);
    if (route === "POST /revoke") return revoke(form(body), res);
    if (url.pathname.startsWith("/upload/session/") && req.method === "PUT") {
      return uploadChunk(url.pathname.slice("/upload/session/".length), req, body, res);
    }
    if (!authorized(req)) {
      return json(res, 401, { error: { code: 401, message: "Invalid Credentials" } });
    }
    if (route === "POST /upload/drive/v3/files") return startUpload(url, body, res);
    if (route === "GET /drive/v3/files") return listFiles(url, res);
    if (route === "POST /drive/v3/files") return createFolder(body, res);
    if (url.pathname.startsWith("/drive/v3/files/")) {
      const id = decodeURIComponent(url.pathname.slice("/drive/v3/files/".length));
      if (req.method === "GET") return download(id, res);
      if (req.method === "DELETE") return remove(id, res);
    }
    json(res, 404, { error: { code: 404, message: `no route ${route}` } });
  } catch (e) {
    json(res, 500, { error: { code: 500, message: String(e) } });
  }
}).listen(port, "127.0.0.1");

// ---- OAuth

function consent(url, res) {
  const q = url.searchParams;
  const redirectUri = q.get("redirect_uri");
  if (
    q.get("client_id") !== clientId ||
    q.get("response_type") !== "code" ||
    q.get("code_challenge_method") !== "S256" ||
    !q.get("code_challenge") ||
    !redirectUri
  ) {
    res.writeHead(400, { "content-type": "text/plain" });
    res.end("bad authorization request");
    return;
  }
  const code = `code-${randomUUID()}`;
  codes.set(code, { challenge: q.get("code_challenge"), redirectUri });
  const back = new URL(redirectUri);
  back.searchParams.set("code", code);
  if (q.get("state")) back.searchParams.set("state", q.get("state"));
  res.writeHead(302, { location: back.toString() });
  res.end();
}

function token(f, res) {
  if (f.get("client_id") !== clientId || f.get("client_secret") !== clientSecret) {
    return json(res, 401, { error: "invalid_client" });
  }
  if (f.get("grant_type") === "authorization_code") {
    const pending = codes.get(f.get("code"));
    codes.delete(f.get("code"));
    if (
      !pending ||
      pending.redirectUri !== f.get("redirect_uri") ||
      pending.challenge !== s256(f.get("code_verifier") ?? "")
    ) {
      return json(res, 400, { error: "invalid_grant" });
    }
    const refresh = `rt-${randomUUID()}`;
    refreshTokens.add(refresh);
    const claims = Buffer.from(JSON.stringify({ email, sub: "1" })).toString("base64url");
    return json(res, 200, {
      access_token: newAccessToken(),
      refresh_token: refresh,
      expires_in: 3599,
      token_type: "Bearer",
      id_token: `e30.${claims}.sig`,
    });
  }
  if (f.get("grant_type") === "refresh_token") {
    if (!refreshTokens.has(f.get("refresh_token"))) {
      return json(res, 400, { error: "invalid_grant", error_description: "Token has been revoked." });
    }
    return json(res, 200, { access_token: newAccessToken(), expires_in: 3599, token_type: "Bearer" });
  }
  json(res, 400, { error: "unsupported_grant_type" });
}

function revoke(f, res) {
  refreshTokens.delete(f.get("token"));
  accessTokens.delete(f.get("token"));
  res.writeHead(200);
  res.end();
}

function newAccessToken() {
  const access = `at-${randomUUID()}`;
  accessTokens.add(access);
  return access;
}

function authorized(req) {
  const auth = req.headers.authorization ?? "";
  return auth.startsWith("Bearer ") && accessTokens.has(auth.slice("Bearer ".length));
}

// ---- Drive

/** `name = '<folder>' and mimeType = '<folder mime>' …` or `'<id>' in parents …`, newest first. */
function listFiles(url, res) {
  const q = url.searchParams.get("q") ?? "";
  const parent = /^'([^']*)' in parents/.exec(q)?.[1];
  const name = /name = '((?:[^'\\]|\\.)*)'/.exec(q)?.[1]?.replace(/\\'/g, "'");
  const found = [...files.values()]
    .filter((f) =>
      parent !== undefined
        ? f.parents.includes(parent)
        : f.name === name && f.mimeType === FOLDER_MIME,
    )
    .sort((a, b) => b.createdTime.localeCompare(a.createdTime))
    .map(view);
  json(res, 200, { files: found });
}

function createFolder(body, res) {
  const meta = JSON.parse(body.toString("utf8") || "{}");
  json(res, 200, view(store(meta.name, meta.mimeType ?? FOLDER_MIME, meta.parents ?? [], Buffer.alloc(0))));
}

function startUpload(url, body, res) {
  if (url.searchParams.get("uploadType") !== "resumable") {
    return json(res, 400, { error: { code: 400, message: "only resumable uploads" } });
  }
  const meta = JSON.parse(body.toString("utf8") || "{}");
  const session = randomUUID();
  sessions.set(session, { name: meta.name, parents: meta.parents ?? [], chunks: [], size: 0 });
  res.writeHead(200, { location: `${base}/upload/session/${session}` });
  res.end();
}

// Content-Range: "bytes a-b/*" (more to come), "bytes a-b/total" (the last chunk) or "bytes */total" (a query).
function uploadChunk(sessionId, req, body, res) {
  const session = sessions.get(sessionId);
  const range = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/.exec(req.headers["content-range"] ?? "");
  if (!session || !range) {
    return json(res, 404, { error: { code: 404, message: "No such upload" } });
  }
  const [, first, , totalText] = range;
  if (first !== undefined) {
    if (Number(first) !== session.size) {
      return json(res, 400, { error: { code: 400, message: `Bad offset ${first}` } });
    }
    session.chunks.push(body);
    session.size += body.length;
  }
  const total = totalText === "*" ? -1 : Number(totalText);
  if (total >= 0 && session.size === total) {
    sessions.delete(sessionId);
    const f = store(session.name, "application/zip", session.parents, Buffer.concat(session.chunks));
    return json(res, 200, view(f));
  }
  res.writeHead(308, session.size > 0 ? { range: `bytes=0-${session.size - 1}` } : {});
  res.end();
}

function download(id, res) {
  const f = files.get(id);
  if (!f) return json(res, 404, { error: { code: 404, message: "File not found" } });
  res.writeHead(200, { "content-type": f.mimeType, "content-length": f.data.length });
  res.end(f.data);
}

function remove(id, res) {
  if (!files.delete(id)) return json(res, 404, { error: { code: 404, message: "File not found" } });
  res.writeHead(204);
  res.end();
}

function store(name, mimeType, parents, data) {
  const id = `file-${++ids}`;
  // strictly increasing, so "newest first" is stable within one millisecond
  const createdTime = new Date(Date.now() + ids).toISOString();
  const f = { id, name, mimeType, parents, data, createdTime };
  files.set(id, f);
  return f;
}

function view(f) {
  return {
    id: f.id,
    name: f.name,
    size: String(f.data.length),
    createdTime: f.createdTime,
    webViewLink: `https://drive.google.com/file/d/${f.id}/view`,
  };
}

// ---- plumbing

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function form(body) {
  return new URLSearchParams(body.toString("utf8"));
}

function s256(verifier) {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

function json(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
