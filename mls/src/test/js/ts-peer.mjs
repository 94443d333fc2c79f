// A ts-mls 1.6.4 MLS peer driven over JSON lines (one request per stdin line, one response per
// stdout line), so that Java tests — and later the gateway end-to-end tests — can put a second
// RFC 9420 implementation into a group. Bytes travel as base64 of MLSMessage encodings.
//
// Request:  {"id": 1, "op": "<op>", "client": "<name>", ...arguments}
// Response: {"id": 1, "ok": true, ...result}  or  {"id": 1, "ok": false, "error": "<message>"}
//
// Ops (every handshake is a PublicMessage; Commits carry the ratchet tree in their Welcome):
//   newClient   {identity}                          -> {}                      one signature key per client
//   keyPackage  {lastResort?, lifetimeSeconds?}     -> {keyPackage, ref}
//   createGroup {groupId}                           -> {groupInfo}
//   commit      {groupId, add?: [kp], removeLeaves?: [n], removeIdentities?: [id]}
//                                                   -> {commit, welcome?, groupInfo}   staged, not applied
//   discardPending {groupId}                        -> {}
//   proposeRemove  {groupId, leaf}                  -> {proposal}
//   join        {welcome}                           -> {groupId, epoch}
//   externalJoin {groupInfo}                        -> {groupId, commit}       staged until its echo
//   process     {groupId, message}                  -> {kind: application|proposal|commit|removed,
//                                                       plaintext?, own?, discardedPending?, epoch}
//                                                       (the echo of our own message or proposal: kind echo)
//   encrypt     {groupId, plaintext}                -> {message}
//   state       {groupId}                           -> {epoch, epochAuthenticator, active, members: [{leaf, identity}]}
//   groupInfo   {groupId}                           -> {groupInfo}             with external_pub and ratchet tree
//
// Like the Java client, a peer applies its own Commit only when it is delivered back ("process"
// with the Commit's bytes): echo-before-apply.
import * as readline from "node:readline";
import {
  acceptAll, createApplicationMessage, createCommit, createGroup, createGroupInfoWithExternalPubAndRatchetTree,
  createProposal, decodeMlsMessage, defaultCapabilities, emptyPskIndex, encodeMlsMessage, generateKeyPackageWithKey,
  getCiphersuiteFromName, getCiphersuiteImpl, joinGroup, joinGroupExternal, processMessage,
} from "ts-mls";
import { makeKeyPackageRef } from "ts-mls/keyPackage.js";

const SUITE = "MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519";
const cs = await getCiphersuiteImpl(getCiphersuiteFromName(SUITE));
const clients = new Map();

const b64 = (u8) => Buffer.from(u8).toString("base64");
const bytes = (s) => new Uint8Array(Buffer.from(s, "base64"));
const hex = (u8) => Buffer.from(u8).toString("hex");
const equal = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

function decode(s) {
  const decoded = decodeMlsMessage(bytes(s), 0);
  if (decoded === undefined) throw new Error("not an MLSMessage");
  return decoded[0];
}

const mls = (wireformat, field, value) => encodeMlsMessage({ version: "mls10", wireformat, [field]: value });

function client(name) {
  const c = clients.get(name);
  if (c === undefined) throw new Error(`no client ${name}`);
  return c;
}

function group(c, groupId) {
  const g = c.groups.get(groupId);
  if (g === undefined) throw new Error(`client is not in group ${groupId}`);
  return g;
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

async function groupInfoOf(state) {
  return b64(mls("mls_group_info", "groupInfo", await createGroupInfoWithExternalPubAndRatchetTree(state, [], cs)));
}

async function newKeyPackage(c, lastResort, lifetimeSeconds) {
  const now = BigInt(Math.floor(Date.now() / 1000));
  const lifetime = { notBefore: now - 300n, notAfter: now + BigInt(lifetimeSeconds ?? 86400) };
  const capabilities = defaultCapabilities();
  const extensions = [];
  if (lastResort) {
    capabilities.extensions = [...capabilities.extensions, 10];
    extensions.push({ extensionType: 10, extensionData: new Uint8Array() });
  }
  const kp = await generateKeyPackageWithKey({ credentialType: "basic", identity: c.identity }, capabilities, lifetime,
    extensions, c.signature, cs);
  const ref = await makeKeyPackageRef(kp.publicPackage, cs.hash);
  c.keyPackages.set(hex(ref), kp);
  return { keyPackage: b64(mls("mls_key_package", "keyPackage", kp.publicPackage)), ref: b64(ref) };
}

const ops = {
  async newClient(req) {
    const { signKey, publicKey } = await cs.signature.keygen();
    clients.set(req.client, { identity: bytes(req.identity), signature: { signKey, publicKey }, keyPackages: new Map(), groups: new Map() });
    return {};
  },

  keyPackage: (req) => newKeyPackage(client(req.client), req.lastResort === true, req.lifetimeSeconds),

  async createGroup(req) {
    const c = client(req.client);
    const kp = await generateKeyPackageWithKey({ credentialType: "basic", identity: c.identity }, defaultCapabilities(),
      { notBefore: 0n, notAfter: BigInt(Math.floor(Date.now() / 1000) + 86400) }, [], c.signature, cs);
    const state = await createGroup(bytes(req.groupId), kp.publicPackage, kp.privatePackage, [], cs);
    c.groups.set(req.groupId, { state, pending: undefined, sent: new Set() });
    return { groupInfo: await groupInfoOf(state) };
  },

  async commit(req) {
    const c = client(req.client);
    const g = group(c, req.groupId);
    if (g.pending !== undefined) throw new Error("a commit is pending");
    const proposals = [];
    for (const leaf of req.removeLeaves ?? []) proposals.push({ proposalType: "remove", remove: { removed: leaf } });
    for (const id of req.removeIdentities ?? []) {
      for (const m of members(g.state)) if (m.identity === id) proposals.push({ proposalType: "remove", remove: { removed: m.leaf } });
    }
    for (const kp of req.add ?? []) proposals.push({ proposalType: "add", add: { keyPackage: decode(kp).keyPackage } });
    const result = await createCommit({ state: g.state, cipherSuite: cs, pskIndex: emptyPskIndex },
      { wireAsPublicMessage: true, ratchetTreeExtension: true, extraProposals: proposals });
    const commit = encodeMlsMessage(result.commit);
    g.pending = { commit, state: result.newState };
    return {
      commit: b64(commit),
      welcome: result.welcome === undefined ? undefined : b64(mls("mls_welcome", "welcome", result.welcome)),
      groupInfo: await groupInfoOf(result.newState),
    };
  },

  async discardPending(req) {
    group(client(req.client), req.groupId).pending = undefined;
    return {};
  },

  async proposeRemove(req) {
    const g = group(client(req.client), req.groupId);
    const result = await createProposal(g.state, true, { proposalType: "remove", remove: { removed: req.leaf } }, cs);
    g.state = result.newState;
    const proposal = b64(encodeMlsMessage(result.message));
    g.sent.add(proposal);
    return { proposal };
  },

  async join(req) {
    const c = client(req.client);
    const welcome = decode(req.welcome).welcome;
    for (const kp of c.keyPackages.values()) {
      try {
        const state = await joinGroup(welcome, kp.publicPackage, kp.privatePackage, emptyPskIndex, cs);
        const groupId = b64(state.groupContext.groupId);
        c.groups.set(groupId, { state, pending: undefined, sent: new Set() });
        return { groupId, epoch: Number(state.groupContext.epoch) };
      } catch (e) {
        if (c.keyPackages.size === 1) throw e;
      }
    }
    throw new Error("no KeyPackage of this client opens the Welcome");
  },

  async externalJoin(req) {
    const c = client(req.client);
    const groupInfo = decode(req.groupInfo).groupInfo;
    const kp = await generateKeyPackageWithKey({ credentialType: "basic", identity: c.identity }, defaultCapabilities(),
      { notBefore: 0n, notAfter: BigInt(Math.floor(Date.now() / 1000) + 86400) }, [], c.signature, cs);
    const { publicMessage, newState } = await joinGroupExternal(groupInfo, kp.publicPackage, kp.privatePackage, false, cs);
    const commit = mls("mls_public_message", "publicMessage", publicMessage);
    const groupId = b64(newState.groupContext.groupId);
    c.groups.set(groupId, { state: undefined, pending: { commit, state: newState }, sent: new Set() });
    return { groupId, commit: b64(commit) };
  },

  async process(req) {
    const g = group(client(req.client), req.groupId);
    const raw = bytes(req.message);
    if (g.pending !== undefined && equal(raw, g.pending.commit)) {
      g.state = g.pending.state;
      g.pending = undefined;
      return { kind: "commit", own: true, epoch: Number(g.state.groupContext.epoch) };
    }
    if (g.sent.delete(req.message)) {
      // our own application message or proposal, delivered back: already in our state
      return { kind: "echo", own: true, epoch: Number(g.state.groupContext.epoch) };
    }
    const message = decode(req.message);
    if (message.wireformat !== "mls_public_message" && message.wireformat !== "mls_private_message") {
      throw new Error(`cannot process ${message.wireformat}`);
    }
    const contentType = message.wireformat === "mls_public_message" ? message.publicMessage.content.contentType : undefined;
    const result = await processMessage(message, g.state, emptyPskIndex, acceptAll, cs);
    g.state = result.newState;
    if (result.kind === "applicationMessage") {
      return { kind: "application", plaintext: b64(result.message), epoch: Number(g.state.groupContext.epoch) };
    }
    if (g.state.groupActiveState.kind === "removedFromGroup") return { kind: "removed", epoch: Number(g.state.groupContext.epoch) };
    const discardedPending = contentType === "commit" && g.pending !== undefined;
    if (contentType === "commit") g.pending = undefined;
    return { kind: contentType ?? "proposal", own: false, discardedPending, epoch: Number(g.state.groupContext.epoch) };
  },

  async encrypt(req) {
    const g = group(client(req.client), req.groupId);
    const result = await createApplicationMessage(g.state, bytes(req.plaintext), cs);
    g.state = result.newState;
    const message = b64(mls("mls_private_message", "privateMessage", result.privateMessage));
    g.sent.add(message);
    return { message };
  },

  async state(req) {
    const g = group(client(req.client), req.groupId);
    const s = g.state;
    return {
      epoch: Number(s.groupContext.epoch),
      epochAuthenticator: b64(s.keySchedule.epochAuthenticator),
      active: s.groupActiveState.kind === "active",
      members: members(s),
    };
  },

  groupInfo: async (req) => ({ groupInfo: await groupInfoOf(group(client(req.client), req.groupId).state) }),
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
    response = { id: req.id, ok: false, error: `${e.name ?? "Error"}: ${e.message}` };
  }
  process.stdout.write(JSON.stringify(response) + "\n");
}
