// A second client stack for WYA: ts-mls 1.6.4 members that speak the gateway protocol themselves
// (GATEWAY_SPEC.md, written from the spec, not from the Java client): a WebSocket at /v1/ws or
// Server-Sent Events at /v1/sse, protobuf Frames (frames.proto, loaded by protobufjs), Ed25519 device
// authentication over the Challenge, KeyPackage upload and claim, Commit bundles, seq-ordered
// processing of Deliver frames with echo-before-apply, and acks. The Java end-to-end test
// (GatewayInteropIT) drives it in JSON lines, one request per stdin line, one response per stdout
// line, bytes in base64.
//
// Request:  {"id": 1, "op": "<op>", "client": "<name>", ...arguments}
// Response: {"id": 1, "ok": true, ...result}  or  {"id": 1, "ok": false, "error": "<text>", code?, reason?}
//           (code/reason: the gateway's ErrorCode and KeyPackageRejection when it refused a request)
//
// Ops:
//   connect     {url, protoPath, transport?: ws|sse, resume?}
//                                                     -> {userId, deviceId, identity, deviceRegistered, sessionId, resumed}
//               (first connect makes the user key and device id; later ones log the same device in
//               again — with `resume`, by the last Ready's resume token instead of a signature, AUTH-5 —
//               so the backlog after the ack cursor is delivered: DLV-5)
//   disconnect  {}                                    -> {}
//   uploadKeyPackages {count?, lastResort?, lifetimeSeconds?}
//                                                     -> {refs, ownRefs, oneTimeCount, hasLastResort}
//               (refs: the KeyPackageRefs the gateway computed, KP-5; ownRefs: ts-mls's)
//   createConversation {convId}                       -> {epoch}
//   add         {convId, userId}                      -> {seq, epoch, claimed: [{deviceId, lastResort, ref}]}
//               (claims one KeyPackage per device of the user, commits the Adds, sends the bundle)
//   update      {convId}                              -> {seq, epoch, groupInfo}   a Commit with a path only
//   stageUpdate {convId}                              -> {epoch}           the same Commit, staged but not sent
//   sendStaged  {convId}                              -> {seq, epoch}      sends it; a refused one is dropped
//               (then the error carries currentEpoch, e.g. STALE_EPOCH: another Commit won, EPOCH-1)
//   remove      {convId, userId}                      -> {seq, epoch}      removes every leaf of that user
//   send        {convId, plaintext}                   -> {seq, epoch}
//   hold / release {}                                 -> {}     Deliver frames wait unprocessed until release
//               (the network delay of a real Commit race, made deterministic)
//   awaitSeq    {convId, seq, timeoutMs?}             -> {events: [...]}  once everything up to seq is processed;
//               returns (and forgets) the events of that conversation up to seq:
//               {seq, kind: welcome|application|commit|proposal|removed|echo|error, own?, plaintext?,
//                sender?, epoch, error?}
//   state       {convId}                              -> {epoch, epochAuthenticator, active, members: [{leaf, identity}]}
//
// Every handshake this peer sends is a PublicMessage and application messages are PrivateMessages
// (MLS-3); its own Commit is applied only when the gateway delivers it back.
import * as readline from "node:readline";
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import protobuf from "protobufjs";
import WebSocket from "ws";
import {
  acceptAll, createApplicationMessage, createCommit, createGroup, createGroupInfoWithExternalPubAndRatchetTree,
  decodeMlsMessage, defaultCapabilities, emptyPskIndex, encodeMlsMessage, generateKeyPackageWithKey,
  getCiphersuiteFromName, getCiphersuiteImpl, joinGroup, processMessage,
} from "ts-mls";
import { makeKeyPackageRef } from "ts-mls/keyPackage.js";

const SUITE = "MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519";
const SUITE_ID = 1;
const AUTH_CONTEXT = "wya-gateway-auth-v1";
const REQUEST_TIMEOUT_MS = 30_000;
const cs = await getCiphersuiteImpl(getCiphersuiteFromName(SUITE));
const clients = new Map();
let Frame;

const b64 = (u8) => Buffer.from(u8).toString("base64");
const bytes = (s) => new Uint8Array(Buffer.from(s, "base64"));
const equal = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
const mls = (wireformat, field, value) => encodeMlsMessage({ version: "mls10", wireformat, [field]: value });
const now = () => BigInt(Math.floor(Date.now() / 1000));

/// A refusal by the gateway: an Error frame in reply to a request.
class Refused extends Error {
  constructor(error) {
    super(`${error.code}: ${error.message}`);
    this.name = "Refused";
    this.code = error.code;
    this.reason = error.keyPackageReason;
    this.currentEpoch = error.currentEpoch;
  }
}

function decode(u8) {
  const decoded = decodeMlsMessage(u8, 0);
  if (decoded === undefined) throw new Error("not an MLSMessage");
  return decoded[0];
}

function client(name) {
  const c = clients.get(name);
  if (c === undefined) throw new Error(`no client ${name}`);
  return c;
}

function conversation(c, convId) {
  const conv = c.convs.get(convId);
  if (conv === undefined || conv.state === undefined) throw new Error(`${c.name} is not in conversation ${convId}`);
  return conv;
}

/// Runs `task` after every Deliver and operation queued before it: one MLS state, one order.
function exclusive(c, task) {
  const run = c.queue.then(task);
  c.queue = run.catch(() => {});
  return run;
}

function members(state) {
  const out = [];
  state.ratchetTree.forEach((node, i) => {
    if (node !== undefined && node.nodeType === "leaf" && i % 2 === 0) {
      out.push({ leaf: i / 2, identity: b64(node.leaf.credential.identity) });
    }
  });
  return out;
}

// ------------------------------------------------------------------ transport (GATEWAY_SPEC §3.1, §5)

function write(c, requestId, body, value) {
  const frame = Frame.fromObject({ requestId, [body]: value });
  c.transport.send(Frame.encode(frame).finish());
}

function request(c, body, value) {
  const requestId = c.nextRequestId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      c.pending.delete(requestId);
      reject(new Error(`no reply to ${body} within ${REQUEST_TIMEOUT_MS} ms`));
    }, REQUEST_TIMEOUT_MS);
    c.pending.set(requestId, { resolve, reject, timer });
    write(c, requestId, body, value);
  });
}

function authMessage(gatewayId, nonce, userId, deviceId) {
  const id = Buffer.from(gatewayId, "utf8");
  if (id.length > 255) throw new Error("gateway_id longer than 255 bytes");
  return Buffer.concat([Buffer.from(AUTH_CONTEXT, "ascii"), Buffer.from([id.length]), id, nonce, userId, deviceId]);
}

function onFrame(c, data) {
  const frame = Frame.toObject(Frame.decode(new Uint8Array(data)), { longs: String, enums: String, oneofs: true });
  const body = frame.body;
  const value = frame[body];
  const requestId = frame.requestId ?? 0;
  switch (body) {
    case "challenge": {
      c.streamId = value.streamId; // SSE: where this stream's frames are POSTed
      c.authRequestId = c.nextRequestId++;
      if (c.resuming) {
        write(c, c.authRequestId, "resume", { resumeToken: c.resumeToken }); // AUTH-5: no signature
        return;
      }
      const signature = sign(null, authMessage(value.gatewayId, value.nonce, c.userId, c.deviceId), c.privateKey);
      write(c, c.authRequestId, "authenticate", { userId: c.userId, deviceId: c.deviceId, signature, clientInfo: "wya-ts-mls-peer/0.1" });
      return;
    }
    case "ready":
      c.ready = value;
      c.resumeToken = value.resumeToken; // single use; the next Ready brings a new one
      return;
    case "caughtUp":
      if (c.onCaughtUp !== undefined) exclusive(c, async () => c.onCaughtUp());
      return;
    case "ping":
      write(c, 0, "pong", { nonce: value.nonce });
      return;
    case "deliver":
      if (c.holding) c.held.push(value);
      else exclusive(c, () => deliver(c, value));
      return;
    case "error":
      if (requestId === c.authRequestId && c.onAuthFailed !== undefined) {
        c.onAuthFailed(new Refused(value));
        return;
      }
      break;
    default:
      break;
  }
  const waiting = c.pending.get(requestId);
  if (waiting === undefined) return; // pushes this peer does not use (presence, …): skipped, as clients must
  c.pending.delete(requestId);
  clearTimeout(waiting.timer);
  if (body === "error") waiting.reject(new Refused(value));
  else waiting.resolve(value);
}

/// Logs in over `transport` ("ws" or "sse"); resolves at the first CaughtUp (DLV-3).
function connect(c, url, transport) {
  return new Promise((resolve, reject) => {
    c.ready = undefined;
    c.onCaughtUp = () => resolve();
    c.onAuthFailed = (e) => reject(e);
    c.transport = transport === "sse" ? openSse(c, url, reject) : openWebSocket(c, url, reject);
  });
}

function closed(c) {
  for (const [, waiting] of c.pending) waiting.reject(new Error("the connection to the gateway closed"));
  c.pending.clear();
}

/// §3.1: one binary message per Frame.
function openWebSocket(c, url, reject) {
  const ws = new WebSocket(new URL("/v1/ws", url.replace(/^http/, "ws")).toString());
  ws.on("message", (data, isBinary) => {
    if (isBinary) onFrame(c, data);
  });
  ws.on("error", (e) => reject(e));
  ws.on("close", () => closed(c));
  return {
    send: (frame) => ws.send(frame, { binary: true }),
    close: () => new Promise((resolve) => {
      ws.once("close", resolve);
      ws.close(1000, "peer disconnecting");
    }),
  };
}

/// §3.2: server frames as `data:` lines of base64 on GET /v1/sse (the first one, the Challenge,
/// names the stream), client frames as POST /v1/sse/{stream_id} bodies, each sent after the
/// previous one's 202 so that they keep their order.
function openSse(c, url, reject) {
  const abort = new AbortController();
  let posts = Promise.resolve();
  (async () => {
    const res = await fetch(new URL("/v1/sse", url), { headers: { accept: "text/event-stream" }, signal: abort.signal });
    if (res.status !== 200) throw new Error(`GET /v1/sse answered ${res.status}`);
    const text = new TextDecoder();
    let buffer = "";
    let data = [];
    for await (const chunk of res.body) {
      buffer += text.decode(chunk, { stream: true });
      for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
        const line = buffer.slice(0, nl).replace(/\r$/, "");
        buffer = buffer.slice(nl + 1);
        if (line === "" && data.length > 0) {
          onFrame(c, Buffer.from(data.join(""), "base64"));
          data = [];
        } else if (line.startsWith("data:")) {
          data.push(line.slice(5).trimStart());
        }
      }
    }
  })().catch((e) => {
    if (!abort.signal.aborted) reject(e);
  }).finally(() => closed(c));
  return {
    send: (frame) => {
      posts = posts.then(async () => {
        const res = await fetch(new URL(`/v1/sse/${c.streamId}`, url),
          { method: "POST", headers: { "content-type": "application/x-protobuf" }, body: frame });
        await res.arrayBuffer();
        if (res.status !== 202) process.stderr.write(`gateway-peer: POST /v1/sse answered ${res.status}\n`);
      }).catch((e) => process.stderr.write(`gateway-peer: POST /v1/sse failed: ${e.message}\n`));
    },
    close: async () => {
      await posts;
      abort.abort();
    },
  };
}

function ack(c, convId, seq) {
  write(c, 0, "ack", { cursors: [{ convId: bytes(convId), seq: String(seq) }] });
}

// ------------------------------------------------------------------ deliveries (GATEWAY_SPEC §8)

function record(c, convId, event) {
  const conv = c.convs.get(convId);
  conv.events.push(event);
  conv.lastSeq = Math.max(conv.lastSeq, event.seq);
  for (const w of [...c.waiters]) {
    if (w.convId === convId && conv.lastSeq >= w.seq) {
      c.waiters.delete(w);
      w.done();
    }
  }
}

async function deliver(c, d) {
  const convId = b64(d.convId);
  const seq = Number(d.seq);
  let conv = c.convs.get(convId);
  if (conv !== undefined && seq <= conv.lastSeq) {
    ack(c, convId, seq); // at-least-once delivery (DLV-4): already processed
    return;
  }
  if (d.kind === "WELCOME") {
    if (conv === undefined) {
      conv = { state: undefined, pending: undefined, sent: new Set(), lastSeq: 0, events: [] };
      c.convs.set(convId, conv);
    }
    try {
      await join(c, conv, decode(new Uint8Array(d.mlsMessage)).welcome);
      record(c, convId, { seq, kind: "welcome", epoch: Number(conv.state.groupContext.epoch) });
    } catch (e) {
      record(c, convId, { seq, kind: "error", error: `${e.name}: ${e.message}` });
    }
    ack(c, convId, seq);
    return;
  }
  if (conv === undefined || conv.state === undefined) return; // not ours (cannot happen: MBR-3)
  try {
    record(c, convId, { seq, ...(await processDelivered(conv, new Uint8Array(d.mlsMessage))) });
  } catch (e) {
    record(c, convId, { seq, kind: "error", error: `${e.name}: ${e.message}` });
  }
  ack(c, convId, seq);
}

async function join(c, conv, welcome) {
  for (const [ref, kp] of c.keyPackages) {
    try {
      conv.state = await joinGroup(welcome, kp.publicPackage, kp.privatePackage, emptyPskIndex, cs);
      if (!kp.lastResort) c.keyPackages.delete(ref); // a one-time package is used once
      return;
    } catch (e) {
      if (c.keyPackages.size === 1) throw e;
    }
  }
  throw new Error("no KeyPackage of this client opens the Welcome");
}

async function processDelivered(conv, raw) {
  const epoch = () => Number(conv.state.groupContext.epoch);
  if (conv.pending !== undefined && equal(raw, conv.pending.commit)) {
    conv.state = conv.pending.state; // echo-before-apply: our Commit won the epoch
    conv.pending = undefined;
    return { kind: "commit", own: true, epoch: epoch() };
  }
  if (conv.sent.delete(b64(raw))) return { kind: "echo", own: true, epoch: epoch() };
  const message = decode(raw);
  const contentType = message.wireformat === "mls_public_message" ? message.publicMessage.content.contentType : "application";
  const sender = message.wireformat === "mls_public_message" ? message.publicMessage.content.sender : undefined;
  const result = await processMessage(message, conv.state, emptyPskIndex, acceptAll, cs);
  conv.state = result.newState;
  if (result.kind === "applicationMessage") return { kind: "application", plaintext: b64(result.message), epoch: epoch() };
  if (conv.state.groupActiveState.kind === "removedFromGroup") return { kind: "removed", epoch: epoch() };
  const discardedPending = contentType === "commit" && conv.pending !== undefined;
  if (contentType === "commit") conv.pending = undefined; // another member's Commit won: ours is void
  return { kind: contentType, own: false, sender: sender?.leafIndex, discardedPending, epoch: epoch() };
}

// ------------------------------------------------------------------ MLS operations

async function newKeyPackage(c, lastResort, lifetimeSeconds) {
  const lifetime = { notBefore: now() - 60n, notAfter: now() - 60n + BigInt(lifetimeSeconds ?? 86400) };
  const capabilities = defaultCapabilities();
  const extensions = [];
  if (lastResort) {
    capabilities.extensions = [...capabilities.extensions, 10];
    extensions.push({ extensionType: 10, extensionData: new Uint8Array() });
  }
  const kp = await generateKeyPackageWithKey({ credentialType: "basic", identity: c.identity }, capabilities, lifetime,
    extensions, c.signature, cs);
  const ref = b64(await makeKeyPackageRef(kp.publicPackage, cs.hash));
  return { ref, kp: { ...kp, lastResort }, message: mls("mls_key_package", "keyPackage", kp.publicPackage) };
}

async function groupInfoOf(state) {
  return mls("mls_group_info", "groupInfo", await createGroupInfoWithExternalPubAndRatchetTree(state, [], cs));
}

/// Stages a Commit of `proposals` (RFC 9420 §14: the group does not change until it is applied).
async function stage(c, convId, proposals) {
  const conv = conversation(c, convId);
  if (conv.pending !== undefined) throw new Error("a commit is pending");
  const result = await createCommit({ state: conv.state, cipherSuite: cs, pskIndex: emptyPskIndex },
    { wireAsPublicMessage: true, ratchetTreeExtension: true, extraProposals: proposals });
  conv.pending = {
    commit: encodeMlsMessage(result.commit), state: result.newState, groupInfo: await groupInfoOf(result.newState),
    welcome: result.welcome === undefined ? undefined : mls("mls_welcome", "welcome", result.welcome),
  };
  return { epoch: Number(conv.state.groupContext.epoch) };
}

/// Sends the staged Commit as one bundle (COMMIT-1, COMMIT-2); it is applied when it comes back.
/// A refused Commit is dropped.
async function sendStaged(c, convId) {
  const conv = conversation(c, convId);
  const bundle = conv.pending;
  if (bundle === undefined) throw new Error("no commit is staged");
  try {
    const sent = await request(c, "send", {
      convId: bytes(convId), msgId: randomBytes(16), mlsMessage: bundle.commit, welcome: bundle.welcome, groupInfo: bundle.groupInfo,
    });
    return { seq: Number(sent.seq), epoch: Number(sent.epoch), groupInfo: b64(bundle.groupInfo) };
  } catch (e) {
    if (conv.pending === bundle) conv.pending = undefined;
    throw e;
  }
}

async function commit(c, convId, proposals) {
  await stage(c, convId, proposals);
  return sendStaged(c, convId);
}

const ops = {
  async connect(req) {
    let c = clients.get(req.client);
    if (Frame === undefined) Frame = (await protobuf.load(req.protoPath)).lookupType("wya.gateway.v1.Frame");
    if (c === undefined) {
      const { publicKey, privateKey } = generateKeyPairSync("ed25519");
      const userId = Buffer.from(publicKey.export({ format: "jwk" }).x, "base64url");
      const deviceId = randomBytes(16);
      const identity = new Uint8Array(Buffer.concat([userId, deviceId])); // MLS identity = user_id ‖ device_id
      const signature = await cs.signature.keygen();
      c = { name: req.client, userId, deviceId, privateKey, identity, signature, keyPackages: new Map(), convs: new Map(),
        queue: Promise.resolve(), pending: new Map(), nextRequestId: 1, waiters: new Set(), holding: false, held: [] };
      clients.set(req.client, c);
    }
    c.resuming = req.resume === true;
    if (c.resuming && c.resumeToken === undefined) throw new Error("no resume token: this client never logged in");
    await connect(c, req.url, req.transport ?? "ws");
    return { userId: b64(c.userId), deviceId: b64(c.deviceId), identity: b64(c.identity), deviceRegistered: c.ready.deviceRegistered === true,
      sessionId: c.ready.sessionId, resumed: c.resuming };
  },

  async disconnect(req) {
    const c = client(req.client);
    await exclusive(c, () => c.transport.close());
    return {};
  },

  async uploadKeyPackages(req) {
    const c = client(req.client);
    const made = [];
    for (let i = 0; i < (req.count ?? 0); i++) made.push(await newKeyPackage(c, false, req.lifetimeSeconds));
    if (req.lastResort === true) made.push(await newKeyPackage(c, true, req.lifetimeSeconds));
    const uploaded = await request(c, "uploadKeyPackages", { items: made.map((m) => ({ keyPackage: m.message })) });
    for (const m of made) c.keyPackages.set(m.ref, m.kp);
    return { refs: (uploaded.refs ?? []).map(b64), ownRefs: made.map((m) => m.ref), oneTimeCount: uploaded.oneTimeCount ?? 0, hasLastResort: uploaded.hasLastResort === true };
  },

  async createConversation(req) {
    const c = client(req.client);
    return exclusive(c, async () => {
      const kp = await generateKeyPackageWithKey({ credentialType: "basic", identity: c.identity }, defaultCapabilities(),
        { notBefore: now() - 60n, notAfter: now() + 86400n }, [], c.signature, cs);
      const state = await createGroup(bytes(req.convId), kp.publicPackage, kp.privatePackage, [], cs);
      const created = await request(c, "createConversation", { convId: bytes(req.convId), groupInfo: await groupInfoOf(state) });
      c.convs.set(req.convId, { state, pending: undefined, sent: new Set(), lastSeq: 0, events: [] });
      return { epoch: Number(created.epoch ?? 0) };
    });
  },

  async add(req) {
    const c = client(req.client);
    return exclusive(c, async () => {
      const claimed = await request(c, "claimKeyPackages", { userId: bytes(req.userId), cipherSuite: SUITE_ID });
      const packages = claimed.keyPackages ?? [];
      if (packages.length === 0) throw new Error("the user has no KeyPackage to claim");
      const proposals = packages.map((p) => ({ proposalType: "add", add: { keyPackage: decode(new Uint8Array(p.keyPackage)).keyPackage } }));
      const sent = await commit(c, req.convId, proposals);
      return { ...sent, claimed: packages.map((p) => ({ deviceId: b64(p.deviceId), lastResort: p.lastResort === true, ref: b64(p.keyPackageRef) })) };
    });
  },

  update: (req) => exclusive(client(req.client), () => commit(client(req.client), req.convId, [])),

  stageUpdate: (req) => exclusive(client(req.client), () => stage(client(req.client), req.convId, [])),

  sendStaged: (req) => exclusive(client(req.client), () => sendStaged(client(req.client), req.convId)),

  async remove(req) {
    const c = client(req.client);
    return exclusive(c, () => {
      const user = bytes(req.userId);
      const leaves = members(conversation(c, req.convId).state)
        .filter((m) => equal(bytes(m.identity).subarray(0, 32), user)).map((m) => m.leaf);
      if (leaves.length === 0) throw new Error("that user has no leaf in the group");
      return commit(c, req.convId, leaves.map((leaf) => ({ proposalType: "remove", remove: { removed: leaf } })));
    });
  },

  async send(req) {
    const c = client(req.client);
    return exclusive(c, async () => {
      const conv = conversation(c, req.convId);
      const result = await createApplicationMessage(conv.state, bytes(req.plaintext), cs);
      conv.state = result.newState;
      const message = mls("mls_private_message", "privateMessage", result.privateMessage);
      conv.sent.add(b64(message));
      const sent = await request(c, "send", { convId: bytes(req.convId), msgId: randomBytes(16), mlsMessage: message });
      return { seq: Number(sent.seq), epoch: Number(sent.epoch) };
    });
  },

  async hold(req) {
    client(req.client).holding = true;
    return {};
  },

  async release(req) {
    const c = client(req.client);
    c.holding = false;
    for (const d of c.held.splice(0)) exclusive(c, () => deliver(c, d));
    return {};
  },

  async awaitSeq(req) {
    const c = client(req.client);
    const reached = () => (c.convs.get(req.convId)?.lastSeq ?? 0) >= req.seq;
    if (!reached()) {
      await new Promise((resolve, reject) => {
        const waiter = { convId: req.convId, seq: req.seq, done: resolve };
        c.waiters.add(waiter);
        setTimeout(() => {
          if (c.waiters.delete(waiter)) reject(new Error(`seq ${req.seq} of ${req.convId} not processed within ${req.timeoutMs ?? 30000} ms`));
        }, req.timeoutMs ?? 30000);
      });
    }
    const conv = c.convs.get(req.convId);
    const events = conv.events.filter((e) => e.seq <= req.seq);
    conv.events = conv.events.filter((e) => e.seq > req.seq);
    return { events };
  },

  async state(req) {
    const c = client(req.client);
    return exclusive(c, async () => {
      const s = conversation(c, req.convId).state;
      return {
        epoch: Number(s.groupContext.epoch),
        epochAuthenticator: b64(s.keySchedule.epochAuthenticator),
        active: s.groupActiveState.kind === "active",
        members: members(s),
      };
    });
  },
};

const lines = readline.createInterface({ input: process.stdin, terminal: false });
for await (const line of lines) {
  if (line.trim() === "") continue;
  let req;
  try {
    req = JSON.parse(line);
  } catch (e) {
    process.stdout.write(JSON.stringify({ ok: false, error: `not JSON: ${e.message}` }) + "\n");
    continue;
  }
  let response;
  try {
    const op = ops[req.op];
    if (op === undefined) throw new Error(`unknown op ${req.op}`);
    response = { id: req.id, ok: true, ...(await op(req)) };
  } catch (e) {
    response = { id: req.id, ok: false, error: `${e.name ?? "Error"}: ${e.message}`, code: e.code, reason: e.reason,
      currentEpoch: e.currentEpoch === undefined ? undefined : Number(e.currentEpoch) };
  }
  process.stdout.write(JSON.stringify(response) + "\n");
}
for (const c of clients.values()) await c.transport?.close();
