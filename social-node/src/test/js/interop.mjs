// Drives a running social-node with the official client library, @polycentric/polycentric-core
// 0.2.2, unchanged: node interop.mjs <server URL>. Exits 0 when every step held, 1 otherwise.
// Run by PolycentricCoreInteropIT against the node under test (real PostgreSQL, Redis, Kafka).
import Core from '@polycentric/polycentric-core';
import Long from 'long';

const server = process.argv[2];
if (!server) {
  console.error('usage: node interop.mjs <server URL>');
  process.exit(2);
}
const { ProcessHandle, APIMethods, Models } = Core;
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS ?? 30000);
let steps = 0;
// The client swallows a failed request inside fullSync (it logs it with console.warn and reports
// no progress), so a step that fails after it would not say why; these warnings are repeated
// with the failure.
const clientWarnings = [];
const warn = console.warn.bind(console);
console.warn = (...args) => {
  clientWarnings.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
  warn(...args);
};

function ok(what) {
  steps++;
  console.log(`ok ${steps} - ${what}`);
}

function check(condition, what) {
  if (!condition) throw new Error(`failed: ${what}`);
  ok(what);
}

// Polls until probe() returns a truthy value; bounded by STEP_TIMEOUT_MS.
async function eventually(what, probe) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const value = await probe();
    if (value) {
      ok(what);
      return value;
    }
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function hasEvent(handle, pointer) {
  return handle.store().indexEvents.getSignedEvent(pointer.system, pointer.process, pointer.logicalClock);
}

function decode(signedEvent) {
  return Models.Event.fromBuffer(signedEvent.event);
}

async function votes(subject) {
  const response = await APIMethods.getQueryReferences(server, subject, undefined, undefined, [
    { value: Models.Opinion.OpinionLike, fromType: Models.ContentType.ContentTypeOpinion },
    { value: Models.Opinion.OpinionDislike, fromType: Models.ContentType.ContentTypeOpinion },
  ], []);
  return response.counts.map((c) => Long.fromValue(c).toNumber()).join('/');
}

async function main() {
  const version = await (await fetch(`${server}/version`)).json();
  check(typeof version.sha === 'string', 'GET /version answers a string sha');

  const alice = await ProcessHandle.createTestProcessHandle();
  await alice.addServer(server);
  await alice.setUsername('alice-interop');
  await alice.setDescription('testing the WYA node');
  const alicePost = await alice.post('hello from alice');
  const bob = await ProcessHandle.createTestProcessHandle();
  await bob.addServer(server);
  const bobPost = await bob.post('hello from bob');
  await ProcessHandle.fullSync(alice);
  await ProcessHandle.fullSync(bob);
  ok('two identities published and synced');

  const latest = await APIMethods.getQueryLatest(server, alice.system(), [
    Models.ContentType.ContentTypeUsername, Models.ContentType.ContentTypeDescription]);
  const values = latest.events.map((e) => Buffer.from(decode(e).lwwElement.value).toString('utf8')).sort();
  check(JSON.stringify(values) === JSON.stringify(['alice-interop', 'testing the WYA node']),
    'query_latest serves alice\'s username and description');

  await alice.follow(bob.system());
  await ProcessHandle.fullSync(alice);
  await eventually('alice synced bob\'s post through the node after following him', () => hasEvent(alice, bobPost));

  const aliceLaptop = await ProcessHandle.testProcessHandleCreateNewProcess(alice);
  await aliceLaptop.addServer(server);
  await ProcessHandle.fullSync(aliceLaptop);
  await eventually('a second process (device) of alice loaded her post', () => hasEvent(aliceLaptop, alicePost));

  const subject = Models.pointerToReference(bobPost);
  check(await votes(subject) === '0/0', 'opinions start at 0/0');
  const carol = await ProcessHandle.createTestProcessHandle();
  await carol.addServer(server);
  await alice.opinion(subject, Models.Opinion.OpinionLike);
  await ProcessHandle.fullSync(alice);
  await eventually('one like: 1/0', async () => await votes(subject) === '1/0');
  await carol.opinion(subject, Models.Opinion.OpinionLike);
  await ProcessHandle.fullSync(carol);
  await eventually('two likes: 2/0', async () => await votes(subject) === '2/0');
  await carol.opinion(subject, Models.Opinion.OpinionDislike);
  await ProcessHandle.fullSync(carol);
  await eventually('carol changed her vote: 1/1', async () => await votes(subject) === '1/1');
  await alice.opinion(subject, Models.Opinion.OpinionNeutral);
  await carol.opinion(subject, Models.Opinion.OpinionNeutral);
  await ProcessHandle.fullSync(alice);
  await ProcessHandle.fullSync(carol);
  await eventually('both went neutral: 0/0', async () => await votes(subject) === '0/0');

  const doomed = await alice.post('this post will be deleted');
  await ProcessHandle.fullSync(alice);
  const isPostAt = (response, pointer) => response.events.some((e) => {
    const event = decode(e);
    return event.contentType.equals(Models.ContentType.ContentTypePost) && event.logicalClock.equals(pointer.logicalClock)
      && Buffer.from(event.process.process).equals(Buffer.from(pointer.process.process));
  });
  const posts = () => APIMethods.getQueryIndex(server, alice.system(), Models.ContentType.ContentTypePost, undefined, Long.fromNumber(20));
  await eventually('the new post is in /query_index', async () => isPostAt(await posts(), doomed));
  await alice.delete(doomed.process, doomed.logicalClock);
  await ProcessHandle.fullSync(alice);
  await eventually('a delete removed the post from /query_index', async () => !isPostAt(await posts(), doomed));

  await ProcessHandle.fullSync(aliceLaptop);
  // What each process signed is read from its own handle, not counted here: the client may sign
  // events of its own accord (one run saw alice's process at clock 10 where this script had made 9).
  const signedRanges = async (handle) => {
    const state = await handle.store().indexProcessStates.getProcessState(alice.system(), handle.process());
    return state.ranges.map((r) => [Long.fromValue(r.low).toNumber(), Long.fromValue(r.high).toNumber()]);
  };
  const canonical = (byProcess) => JSON.stringify(Object.keys(byProcess).sort().map((key) => [key, byProcess[key]]));
  const deleteClock = doomed.logicalClock.toNumber() + 1;
  // Polled like every other step: fullSync is not a barrier for every event of the handle. On a
  // timeout both sides are printed: a node serving stale ranges and a client that never sent an
  // event look alike otherwise.
  let expected = {};
  let lastRanges = 'none';
  await eventually('/ranges holds exactly what alice\'s two processes signed, the deleted clock included', async () => {
    expected = {};
    for (const handle of [alice, aliceLaptop]) {
      expected[Buffer.from(handle.process().process).toString('hex')] = await signedRanges(handle);
    }
    const ranges = await APIMethods.getRanges(server, alice.system());
    const seen = {};
    for (const forProcess of ranges.rangesForProcesses) {
      seen[Buffer.from(forProcess.process.process).toString('hex')] =
        forProcess.ranges.map((r) => [Long.fromValue(r.low).toNumber(), Long.fromValue(r.high).toNumber()]);
    }
    lastRanges = canonical(seen);
    const aliceRuns = seen[Buffer.from(alice.process().process).toString('hex')] ?? [];
    return lastRanges === canonical(expected) && aliceRuns.some(([low, high]) => low <= deleteClock && deleteClock <= high);
  }).catch((error) => {
    throw new Error(`${error.message}; the processes signed ${canonical(expected)}, the node answered ${lastRanges}`);
  });

  const found = await APIMethods.getSearch(server, 'hello from alice');
  check(found.resultEvents.events.length >= 1, '/search finds alice\'s post');
  const explore = await APIMethods.getExplore(server, 5);
  check(explore.resultEvents.events.length >= 1, '/explore lists posts');

  console.log(`${steps} passed, 0 failed`);
}

main().then(() => process.exit(0), (error) => {
  console.error(error.stack ?? String(error));
  for (const warning of clientWarnings.slice(-5)) console.log(`client warning: ${warning}`);
  console.log(`${steps} passed, 1 failed`);
  process.exit(1);
});
