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
  const expected = new Map([
    [Buffer.from(alice.process().process).toString('hex'), doomed.logicalClock.toNumber() + 1],
    [Buffer.from(aliceLaptop.process().process).toString('hex'), null],
  ]);
  // Polled like every other step: one read right after the client's fullSync once missed an event
  // (1 run in 5 on a loaded box), so fullSync is not a barrier for every post of the handle.
  // On a timeout the last answer is printed: a node serving stale ranges and a client that never
  // sent an event look alike otherwise.
  let lastRanges = 'none';
  await eventually('/ranges holds exactly what alice\'s two processes sent ([1, n] each, the deleted clock included)', async () => {
    const ranges = await APIMethods.getRanges(server, alice.system());
    let matches = ranges.rangesForProcesses.length === 2;
    const seen = {};
    for (const forProcess of ranges.rangesForProcesses) {
      const key = Buffer.from(forProcess.process.process).toString('hex');
      const runs = forProcess.ranges.map((r) => [Long.fromValue(r.low).toNumber(), Long.fromValue(r.high).toNumber()]);
      seen[key] = runs;
      const high = expected.get(key);
      matches = matches && expected.has(key) && runs.length === 1 && runs[0][0] === 1 && (high === null || runs[0][1] === high);
    }
    lastRanges = JSON.stringify(seen);
    return matches;
  }).catch((error) => {
    throw new Error(`${error.message}; expected ${JSON.stringify(Object.fromEntries(expected))}, last answer ${lastRanges}`);
  });

  const found = await APIMethods.getSearch(server, 'hello from alice');
  check(found.resultEvents.events.length >= 1, '/search finds alice\'s post');
  const explore = await APIMethods.getExplore(server, 5);
  check(explore.resultEvents.events.length >= 1, '/explore lists posts');

  console.log(`${steps} passed, 0 failed`);
}

main().then(() => process.exit(0), (error) => {
  console.error(error.stack ?? String(error));
  console.log(`${steps} passed, 1 failed`);
  process.exit(1);
});
